package org.teeka.booking;

import org.springframework.context.support.DefaultMessageSourceResolvable;

import java.time.Instant;
import java.util.UUID;

/** A place held for a beneficiary's dose in a session's time slot. */
public record Appointment(UUID id, UUID beneficiaryId, int dose, UUID sessionId, int slotNo, String securityCode,
                          Status status, Source source, Instant bookedAt) {

    public enum Status {
        BOOKED,
        CANCELLED,
        RESCHEDULED,
        /** The person is at the center and was verified. */
        CHECKED_IN,
        /** The dose was given. */
        VACCINATED,
        /** The session ended without the person coming; the place was given back. */
        NO_SHOW;

        /** The message key of the status's name. */
        public String messageKey() {
            return "booking.status." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** Whether the appointment still holds its place (one such per beneficiary and dose). */
        public boolean active() {
            return this == BOOKED || this == CHECKED_IN;
        }
    }

    public enum Source {
        CITIZEN,
        ALLOCATION,
        WAITLIST,
        API,
        /** Booked at the center for someone who came without one. */
        WALK_IN
    }

    /** The number citizens and staff quote: the appointment id without dashes, upper case. */
    public String confirmationNumber() {
        return id.toString().replace("-", "").toUpperCase(java.util.Locale.ROOT);
    }

    /** The first eight characters of the confirmation number, printed large on the slip and asked for at the center. */
    public String shortCode() {
        return confirmationNumber().substring(0, 8);
    }

    /** This appointment checked in at the center; only a booked one can be. */
    public Appointment checkIn() {
        return moveTo(Status.CHECKED_IN, "booking.error.cannot-check-in", Status.BOOKED);
    }

    /** This appointment's dose given; a booked or checked-in one. */
    public Appointment vaccinate() {
        return moveTo(Status.VACCINATED, "booking.error.cannot-vaccinate", Status.BOOKED, Status.CHECKED_IN);
    }

    /** This appointment missed; only a booked one (someone checked in is at the center). */
    public Appointment markNoShow() {
        return moveTo(Status.NO_SHOW, "booking.error.cannot-mark-no-show", Status.BOOKED);
    }

    private Appointment moveTo(Status next, String refusal, Status... from) {
        for (Status allowed : from) {
            if (status == allowed) {
                return new Appointment(id, beneficiaryId, dose, sessionId, slotNo, securityCode, next, source, bookedAt);
            }
        }
        throw new BookingRefusedException(org.springframework.http.HttpStatus.CONFLICT,
                Refusal.of(refusal, new DefaultMessageSourceResolvable(status.messageKey())));
    }
}
