package org.teeka.booking;

import java.time.Instant;
import java.util.UUID;

/** A place held for a beneficiary's dose in a session's time slot. */
public record Appointment(UUID id, UUID beneficiaryId, int dose, UUID sessionId, int slotNo, String securityCode,
                          Status status, Source source, Instant bookedAt) {

    public enum Status {
        BOOKED,
        CANCELLED,
        RESCHEDULED
    }

    public enum Source {
        CITIZEN,
        ALLOCATION,
        WAITLIST,
        API
    }

    /** The number citizens and staff quote: the appointment id without dashes, upper case. */
    public String confirmationNumber() {
        return id.toString().replace("-", "").toUpperCase(java.util.Locale.ROOT);
    }
}
