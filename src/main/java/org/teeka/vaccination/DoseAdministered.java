package org.teeka.vaccination;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A dose was recorded. Published inside the transaction that records it, so a listener that
 * writes (a lucky-draw card, a scheduled dose-2 SMS) commits or rolls back with the dose.
 */
public record DoseAdministered(UUID doseRecordId, UUID beneficiaryId, int dose, String vaccineCode, LocalDate givenOn,
                               Integer centerId) {
}
