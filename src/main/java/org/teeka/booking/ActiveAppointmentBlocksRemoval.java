package org.teeka.booking;

import org.springframework.stereotype.Component;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.RemovalCheck;

import java.util.Optional;

/** A beneficiary holding a place is not removed: the place would stay taken by nobody. Cancel it first. */
@Component
class ActiveAppointmentBlocksRemoval implements RemovalCheck {

    private final Bookings bookings;

    ActiveAppointmentBlocksRemoval(Bookings bookings) {
        this.bookings = bookings;
    }

    @Override
    public Optional<String> refusal(Beneficiary beneficiary) {
        return bookings.activeOf(beneficiary.id()).isEmpty()
                ? Optional.empty() : Optional.of("booking.error.beneficiary-has-appointment");
    }
}
