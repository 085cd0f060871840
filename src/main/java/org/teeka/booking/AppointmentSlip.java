package org.teeka.booking;

import org.teeka.beneficiary.Beneficiary;
import org.teeka.center.Center;
import org.teeka.session.Session;
import org.teeka.session.Slot;
import org.teeka.vaccine.Vaccine;

/** Everything an appointment slip shows: who, which dose of what, where, when, and the security code. */
public record AppointmentSlip(Appointment appointment, Beneficiary beneficiary, Session session, Slot slot,
                              Center center, Vaccine vaccine) {

    /** Whether the appointment still holds its place. */
    public boolean active() {
        return appointment.status() == Appointment.Status.BOOKED;
    }
}
