package org.teeka.vaccination;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A second record of someone's dose, with facts that differ from the one in force: kept, never merged. */
public record DoseConflict(long id, UUID eventId, UUID existingId, UUID beneficiaryId, int dose, String vaccineCode,
                           String lotNumber, UUID sessionId, Integer centerId, Long vaccinatorId, OffsetDateTime administeredAt,
                           String deviceId, String reason, OffsetDateTime createdAt) {
}
