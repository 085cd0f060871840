package org.teeka.booking;

import java.util.UUID;

/** A place was taken. */
public record AppointmentBooked(UUID appointmentId, UUID beneficiaryId, UUID sessionId, int dose) {
}
