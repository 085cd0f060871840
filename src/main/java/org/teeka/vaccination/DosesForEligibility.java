package org.teeka.vaccination;

import org.springframework.stereotype.Component;
import org.teeka.booking.DoseHistory;
import org.teeka.booking.PastDose;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Booking's view of the dose records: booking cannot use this module (it uses booking), so it asks through its port. */
@Component
class DosesForEligibility implements DoseHistory {

    private final DoseRecords records;

    DosesForEligibility(DoseRecords records) {
        this.records = records;
    }

    @Override
    public List<PastDose> of(UUID beneficiaryId) {
        return records.of(beneficiaryId).stream().map(DosesForEligibility::past).toList();
    }

    @Override
    public Map<UUID, List<PastDose>> of(Collection<UUID> beneficiaryIds) {
        return records.of(beneficiaryIds).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(DosesForEligibility::past).toList()));
    }

    private static PastDose past(DoseRecord record) {
        return new PastDose(record.dose(), record.vaccineCode(), record.givenOn());
    }
}
