package org.teeka.vaccination;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A dose record was corrected by a center manager: {@code correctionId} is the new record in force,
 * {@code originalId} the record it replaces. Published inside the correcting transaction, so
 * after-commit listeners (the certificate) see the correction only once it stands.
 */
public record DoseCorrected(UUID originalId, UUID correctionId, UUID beneficiaryId, int dose, String vaccineCode, LocalDate givenOn,
                            Integer centerId, String reason) {
}
