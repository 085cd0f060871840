package org.teeka.booking;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.SecurityCode;
import org.teeka.session.Session;
import org.teeka.session.Sessions;
import org.teeka.session.Slot;
import org.teeka.vaccine.Vaccine;
import org.teeka.vaccine.VaccineCatalog;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Appointments as the center sees them on the day: found by their code, checked in, vaccinated,
 * missed; walk-ins booked into today's session within its capacity. Each change of state is a
 * guarded verb of {@link Appointment} written with a conditional update, so two devices acting on
 * one appointment cannot both succeed.
 */
@Service
public class CenterAppointments {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CODE = Pattern.compile("[0-9A-F]{8}|[0-9A-F]{32}");

    private final JdbcClient jdbc;
    private final Sessions sessions;
    private final VaccineCatalog vaccines;
    private final DoseHistory doses;
    private final Bookings bookings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CenterAppointments(JdbcClient jdbc, Sessions sessions, VaccineCatalog vaccines,
                       DoseHistory doses, Bookings bookings, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.bookings = bookings;
        this.sessions = sessions;
        this.vaccines = vaccines;
        this.doses = doses;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Why the beneficiary may not have this dose in this session, by booking's eligibility
     * policies (schedule, not yet given, previous dose, same vaccine as dose 1, interval, age band).
     */
    public Optional<Refusal> eligibility(Beneficiary beneficiary, Session session, int dose) {
        Vaccine vaccine = vaccines.find(session.vaccineCode()).orElseThrow();
        return EligibilityPolicy.firstRefusal(new EligibilityPolicy.Candidate(beneficiary, session, vaccine, dose,
                doses.of(beneficiary.id())));
    }

    public Optional<Appointment> find(UUID appointmentId) {
        return jdbc.sql("select " + Bookings.COLUMNS + " from appointments where id = ?").param(appointmentId)
                .query(Bookings::appointment).optional();
    }

    /** Every appointment of the sessions, whatever its state, by slot and booking time. */
    public List<Appointment> inSessions(Collection<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + Bookings.COLUMNS + " from appointments where session_id = any(?) and status not in ('CANCELLED', 'RESCHEDULED') order by slot_no, booked_at")
                .param(sessionIds.toArray(UUID[]::new)).query(Bookings::appointment).list();
    }

    /** The beneficiary's appointments that still hold a place, by dose. */
    public List<Appointment> activeOf(UUID beneficiaryId) {
        return bookings.activeOf(beneficiaryId);
    }

    /**
     * The appointment in one of the sessions whose confirmation number (or its first eight
     * characters) was typed, if its security code matches. Empty when no appointment of these
     * sessions has the code; {@link WrongSecurityCodeException} when one has but the code differs.
     */
    public Optional<Appointment> byCode(String typed, SecurityCode securityCode, Collection<UUID> sessionIds) {
        String code = typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (!CODE.matcher(code).matches() || sessionIds.isEmpty()) {
            return Optional.empty();
        }
        List<Appointment> found = jdbc.sql("select " + Bookings.COLUMNS + """
                         from appointments
                        where session_id = any(?) and upper(replace(cast(id as text), '-', '')) like ?
                          and status not in ('CANCELLED', 'RESCHEDULED')""")
                .params(sessionIds.toArray(UUID[]::new), code + "%")
                .query(Bookings::appointment).list();
        if (found.size() != 1) {
            // none, or (with eight characters) more than one: the full number is needed
            return Optional.empty();
        }
        if (!java.security.MessageDigest.isEqual(found.getFirst().securityCode().getBytes(), securityCode.value().getBytes())) {
            throw new WrongSecurityCodeException();
        }
        return Optional.of(found.getFirst());
    }

    /** Checks the appointment in; refused, naming its state, unless it is booked. */
    @Transactional
    public Appointment checkIn(UUID appointmentId) {
        Appointment appointment = find(appointmentId).orElseThrow(() -> BookingRefusedException.notFound("booking.error.appointment-unknown"));
        Appointment checkedIn = appointment.checkIn();
        write(appointment, checkedIn, "checked_in_at = now()");
        return checkedIn;
    }

    /**
     * The beneficiary had the dose in the session, in the caller's transaction: their active
     * appointment for the dose there becomes VACCINATED (its place was used); an active one for the
     * dose elsewhere is cancelled and its place given back.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void vaccinated(UUID beneficiaryId, int dose, UUID sessionId) {
        for (Appointment appointment : activeOf(beneficiaryId)) {
            if (appointment.dose() != dose) {
                continue;
            }
            if (appointment.sessionId().equals(sessionId)) {
                write(appointment, appointment.vaccinate(), "ended_at = now()");
            } else {
                bookings.end(appointment, appointment.status(), Appointment.Status.CANCELLED);
            }
        }
    }

    /**
     * Ends the session for those who did not come: each BOOKED appointment becomes NO_SHOW, its
     * place is given back (the waitlist offers it where it can still be used: a slot of today not
     * yet over, see {@link Waitlist}), and the person gets the missed-appointment SMS.
     *
     * @return the appointments marked
     */
    @Transactional
    public List<Appointment> markNoShows(UUID sessionId) {
        Session session = sessions.find(sessionId).orElseThrow(() -> BookingRefusedException.notFound("booking.error.session-unknown"));
        List<Appointment> booked = jdbc.sql("select " + Bookings.COLUMNS + " from appointments where session_id = ? and status = 'BOOKED' order by id for update")
                .param(sessionId).query(Bookings::appointment).list();
        var marked = new java.util.ArrayList<Appointment>();
        for (Appointment appointment : booked) {
            Appointment missed = appointment.markNoShow();
            bookings.end(appointment, appointment.status(), missed.status());
            marked.add(missed);
            bookings.tellMissed(appointment.id());
        }
        return marked;
    }

    /**
     * Books someone who came without an appointment into the session, in the current or next slot
     * not yet over that has a place, by the same conditional updates as any booking (never
     * overbooking). The eligibility policies apply. No SMS: the person is at the center.
     */
    @Transactional
    public Appointment bookWalkIn(Beneficiary beneficiary, UUID sessionId, int dose) {
        Session session = sessions.find(sessionId).orElseThrow(() -> BookingRefusedException.notFound("booking.error.session-unknown"));
        var refusal = eligibility(beneficiary, session, dose);
        if (refusal.isPresent()) {
            throw BookingRefusedException.ineligible(refusal.get());
        }
        LocalDateTime now = LocalDateTime.now(clock);
        for (Slot slot : session.slots()) {
            if (session.date().atTime(slot.endsAt()).isAfter(now) && sessions.take(session.id(), slot.number(), dose)) {
                UUID id = UUID.randomUUID();
                try {
                    jdbc.sql("""
                                    insert into appointments (id, beneficiary_id, dose, session_id, slot_no, security_code, status, source, booked_at)
                                    values (?, ?, ?, ?, ?, ?, 'BOOKED', 'WALK_IN', ?)""")
                            .params(id, beneficiary.id(), dose, session.id(), slot.number(), SecurityCode.generate(RANDOM).value(),
                                    OffsetDateTime.now(clock))
                            .update();
                } catch (DuplicateKeyException alreadyBooked) {
                    throw BookingRefusedException.conflict("booking.error.already-booked", dose);
                }
                jdbc.sql("update waitlist_entries set status = 'LEFT' where beneficiary_id = ? and dose = ? and status = 'WAITING'")
                        .params(beneficiary.id(), dose).update();
                events.publishEvent(new AppointmentBooked(id, beneficiary.id(), session.id(), dose));
                return find(id).orElseThrow();
            }
        }
        throw BookingRefusedException.full(false);
    }

    private void write(Appointment from, Appointment to, String also) {
        int updated = jdbc.sql("update appointments set status = ?, " + also + " where id = ? and status = ?")
                .params(to.status().name(), from.id(), from.status().name()).update();
        if (updated != 1) {
            // changed meanwhile: refuse naming the state it is in now
            Appointment now = find(from.id()).orElseThrow();
            switch (to.status()) {
                case CHECKED_IN -> now.checkIn();
                case VACCINATED -> now.vaccinate();
                default -> now.markNoShow();
            }
            throw BookingRefusedException.conflict("booking.error.not-active");
        }
    }

    /** The appointment was found but the 4-digit code given is not its code. */
    public static class WrongSecurityCodeException extends org.teeka.platform.TeekaException {

        WrongSecurityCodeException() {
            super(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, "console.error.security-code-wrong");
        }
    }
}
