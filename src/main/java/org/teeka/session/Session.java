package org.teeka.session;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One center's session on one date.
 *
 * @param maxAge null when the band is open-ended (18+)
 */
public record Session(UUID id, int centerId, int stateId, int districtId, LocalDate date, String vaccineCode,
                      int minAge, Integer maxAge, int dose1Capacity, int dose2Capacity,
                      int dose1Booked, int dose2Booked, List<Slot> slots) {

    public int dose1Available() {
        return dose1Capacity - dose1Booked;
    }

    public int dose2Available() {
        return dose2Capacity - dose2Booked;
    }

    public int capacity() {
        return dose1Capacity + dose2Capacity;
    }

    public int booked() {
        return dose1Booked + dose2Booked;
    }

    /** How full the session is, 0 to 100. */
    public int percentBooked() {
        return capacity() == 0 ? 0 : (int) Math.round(100.0 * booked() / capacity());
    }
}
