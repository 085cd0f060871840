package org.teeka.session;

import java.time.LocalTime;

/** A time slot of a session, with its own share of the session's places. */
public record Slot(int number, LocalTime startsAt, LocalTime endsAt, int capacity, int booked) {

    public int available() {
        return capacity - booked;
    }
}
