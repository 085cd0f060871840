package org.teeka.vaccination;

import org.springframework.stereotype.Component;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.RemovalCheck;

import java.util.Optional;

/** A vaccinated beneficiary is never removed: a dose record is a clinical record and stays with its person. */
@Component
class DoseBlocksRemoval implements RemovalCheck {

    private final DoseRecords doseRecords;

    DoseBlocksRemoval(DoseRecords doseRecords) {
        this.doseRecords = doseRecords;
    }

    @Override
    public Optional<String> refusal(Beneficiary beneficiary) {
        return doseRecords.of(beneficiary.id()).isEmpty()
                ? Optional.empty() : Optional.of("vaccination.error.beneficiary-has-dose");
    }
}
