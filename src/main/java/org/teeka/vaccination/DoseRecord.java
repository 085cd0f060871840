package org.teeka.vaccination;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A dose given to a beneficiary.
 *
 * @param lotNumber, sessionId, vaccinatorId, administeredAt null for doses recorded before the center console
 * @param eventId the client-generated id of the recording (a replay carries the same one)
 */
public record DoseRecord(UUID id, UUID beneficiaryId, int dose, String vaccineCode, LocalDate givenOn, Integer centerId,
                         String lotNumber, UUID sessionId, Long vaccinatorId, Instant administeredAt, UUID eventId) {
}
