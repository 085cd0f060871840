package org.teeka.booking;

import java.time.LocalTime;
import java.util.UUID;

/** Someone expected at a center on a day: who, how to reach them, and when. No security code. */
public record Attendee(UUID appointmentId, int dose, String name, String mobile, String referenceId, LocalTime startsAt,
                       LocalTime endsAt) {
}
