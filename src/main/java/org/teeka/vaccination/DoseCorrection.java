package org.teeka.vaccination;

import java.time.Instant;
import java.util.UUID;

/**
 * One step of a dose's correction history: what the record said, what the correction says, who
 * corrected it (a staff id; null for corrections written before that was kept), when and why.
 */
public record DoseCorrection(UUID originalId, UUID correctionId, int dose, String fromVaccineCode, String fromLotNumber,
                             String toVaccineCode, String toLotNumber, Long correctedBy, Instant correctedAt, String reason) {
}
