package org.teeka.vaccination;

import java.time.LocalDate;
import java.util.UUID;

/** A dose given to a beneficiary. */
public record DoseRecord(UUID id, UUID beneficiaryId, int dose, String vaccineCode, LocalDate givenOn, Integer centerId) {
}
