package org.teeka.booking.web;

import org.springframework.stereotype.Component;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.booking.DoseHistory;
import org.teeka.booking.PastDose;
import org.teeka.booking.Appointment;
import org.teeka.booking.AppointmentSlip;
import org.teeka.booking.Bookings;
import org.teeka.booking.Waitlist;


import org.teeka.vaccine.Vaccine;
import org.teeka.vaccine.VaccineCatalog;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Gathers what the citizen pages show about a family member and their appointments. */
@Component
class CitizenViews {

    private final Bookings bookings;
    private final Waitlist waitlist;
    private final VaccineCatalog vaccines;
    private final DoseHistory doseRecords;
    private final Clock clock;

    CitizenViews(Bookings bookings, Waitlist waitlist, VaccineCatalog vaccines, DoseHistory doseRecords, Clock clock) {
        this.bookings = bookings;
        this.waitlist = waitlist;
        this.vaccines = vaccines;
        this.doseRecords = doseRecords;
        this.clock = clock;
    }

    /**
     * A family member as "My family" shows them.
     *
     * @param nextDose the dose to book next; null when the vaccine's doses are all given
     * @param nextDoseFrom the first day the next dose may be given; null when there is no wait
     * @param idempotencyKey the key of this page's "earliest slot" request for the member
     */
    public record MemberView(Beneficiary member, List<AppointmentSlip> appointments, List<PastDose> doses, Vaccine firstVaccine,
                      Integer nextDose, LocalDate nextDoseFrom, boolean nextDoseBooked, boolean waiting, String idempotencyKey) {

        public boolean canBook() {
            return nextDose != null && !nextDoseBooked;
        }
    }

    AppointmentSlip appointment(Appointment appointment, Beneficiary member) {
        return bookings.slip(appointment, member);
    }

    MemberView member(Beneficiary member) {
        List<AppointmentSlip> appointments = bookings.activeOf(member.id()).stream().map(a -> appointment(a, member)).toList();
        List<PastDose> doses = doseRecords.of(member.id());
        Vaccine first = firstVaccine(doses).orElse(null);
        Integer next = nextDose(doses, first);
        LocalDate from = null;
        if (next != null && next > 1 && first != null && first.minIntervalDays() != null) {
            LocalDate earliest = doses.getLast().givenOn().plusDays(first.minIntervalDays());
            from = earliest.isAfter(LocalDate.now(clock)) ? earliest : null;
        }
        boolean booked = next != null && appointments.stream().anyMatch(a -> a.appointment().dose() == next);
        boolean waiting = next != null && !booked && waitlist.waiting(member.id(), next);
        return new MemberView(member, appointments, doses, first, next, from, booked, waiting, UUID.randomUUID().toString());
    }

    /** The dose a member would book next: one more than the doses given, or null when the vaccine's doses are all given. */
    Integer nextDose(UUID memberId) {
        List<PastDose> doses = doseRecords.of(memberId);
        return nextDose(doses, firstVaccine(doses).orElse(null));
    }

    /** The vaccine of the member's first dose, which later doses must match. */
    Optional<String> firstVaccineCode(UUID memberId) {
        return doseRecords.of(memberId).stream().filter(d -> d.dose() == 1).map(PastDose::vaccineCode).findFirst();
    }

    private Optional<Vaccine> firstVaccine(List<PastDose> doses) {
        return doses.stream().filter(d -> d.dose() == 1).findFirst().flatMap(d -> vaccines.find(d.vaccineCode()));
    }

    private static Integer nextDose(List<PastDose> doses, Vaccine first) {
        int next = doses.stream().mapToInt(PastDose::dose).max().orElse(0) + 1;
        return first != null && next > first.doses() ? null : next;
    }
}
