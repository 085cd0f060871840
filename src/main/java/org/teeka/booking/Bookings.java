package org.teeka.booking;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.SecurityCode;
import org.teeka.center.Centers;
import org.teeka.geo.Geography;
import org.teeka.notification.Outbox;
import org.teeka.notification.Priority;
import org.teeka.notification.Sms;
import org.teeka.session.Session;
import org.teeka.session.SessionSearch;
import org.teeka.session.Sessions;
import org.teeka.session.Slot;
import org.teeka.vaccination.DoseRecord;
import org.teeka.vaccination.DoseRecords;
import org.teeka.vaccine.Vaccine;
import org.teeka.vaccine.VaccineCatalog;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The booking engine. A place is taken by one conditional update of the session's and the
 * slot's counters, whose CHECK constraints make overbooking impossible; the appointment row's
 * partial unique index allows one active appointment per beneficiary and dose. Every change runs
 * in one transaction with its SMS in the outbox. Requests carrying an idempotency key return
 * their first result when repeated.
 */
@Service
public class Bookings {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, beneficiary_id, dose, session_id, slot_no, security_code, status, source, booked_at";

    private final JdbcClient jdbc;
    private final Beneficiaries beneficiaries;
    private final Sessions sessions;
    private final Centers centers;
    private final VaccineCatalog vaccines;
    private final DoseRecords doseRecords;
    private final Geography geography;
    private final Outbox outbox;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Bookings(JdbcClient jdbc, Beneficiaries beneficiaries, Sessions sessions, Centers centers, VaccineCatalog vaccines,
             DoseRecords doseRecords, Geography geography, Outbox outbox, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.beneficiaries = beneficiaries;
        this.sessions = sessions;
        this.centers = centers;
        this.vaccines = vaccines;
        this.doseRecords = doseRecords;
        this.geography = geography;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
    }

    /** Books a chosen session and slot for a family member of the mobile. */
    @Transactional
    public Appointment book(String mobile, UUID beneficiaryId, UUID sessionId, int slotNo, int dose,
                            String idempotencyKey, Appointment.Source source, Locale language) {
        Optional<Appointment> earlier = replay(mobile, idempotencyKey);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Beneficiary beneficiary = beneficiaries.get(beneficiaryId, mobile);
        Session session = sessions.find(sessionId).orElseThrow(() -> BookingRefusedException.notFound("booking.error.session-unknown"));
        Appointment appointment = place(beneficiary, session, slotNo, dose, source, language, "sms.appointment-booked");
        remember(mobile, idempotencyKey, appointment);
        return appointment;
    }

    /**
     * Books the earliest free place near the beneficiary: sessions of their district with a place
     * for the dose and their age, earliest date first, then nearest to their PIN code, then the
     * earliest slot. Refused with "nothing free" when there is none; the waitlist is the answer then.
     */
    @Transactional
    public Appointment bookEarliest(String mobile, UUID beneficiaryId, int dose, String idempotencyKey, Locale language) {
        Optional<Appointment> earlier = replay(mobile, idempotencyKey);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Beneficiary beneficiary = beneficiaries.get(beneficiaryId, mobile);
        Appointment appointment = earliest(beneficiary, dose, null, Appointment.Source.ALLOCATION, language, "sms.appointment-booked")
                .orElseThrow(() -> BookingRefusedException.conflict("booking.error.nothing-free"));
        remember(mobile, idempotencyKey, appointment);
        return appointment;
    }

    /** The earliest free place for a beneficiary, taken in the caller's transaction; empty when none is free. */
    Optional<Appointment> earliest(Beneficiary beneficiary, int dose, String vaccineCode, Appointment.Source source,
                                   Locale language, String template) {
        LocalDate today = LocalDate.now(clock);
        List<DoseRecord> doses = doseRecords.of(beneficiary.id());
        String vaccine = vaccineCode != null ? vaccineCode
                : doses.stream().filter(d -> d.dose() == 1).map(DoseRecord::vaccineCode).findFirst().orElse(null);
        var candidates = sessions.search(new SessionSearch(today, 14, beneficiary.districtId(), null, vaccine,
                beneficiary.ageIn(today.getYear()), dose));
        var byDateThenDistance = Comparator.comparing(Session::date)
                .thenComparing(s -> distance(beneficiary, s.centerId()));
        for (Session session : candidates.stream().sorted(byDateThenDistance).toList()) {
            Vaccine sessionVaccine = vaccines.find(session.vaccineCode()).orElseThrow();
            if (EligibilityPolicy.firstRefusal(new EligibilityPolicy.Candidate(beneficiary, session, sessionVaccine, dose, doses)).isPresent()) {
                continue;
            }
            for (Slot slot : session.slots()) {
                if (slot.available() > 0 && !slotStarted(session, slot) && sessions.take(session.id(), slot.number(), dose)) {
                    return Optional.of(insert(beneficiary, session, slot.number(), dose, source, language, template));
                }
            }
        }
        return Optional.empty();
    }

    /** Cancels an appointment of the mobile's family; its place is free again at once. */
    @Transactional
    public void cancel(String mobile, UUID appointmentId, Locale language) {
        Appointment appointment = get(appointmentId, mobile);
        end(appointment, Appointment.Status.CANCELLED);
        Beneficiary beneficiary = beneficiaries.get(appointment.beneficiaryId(), mobile);
        Session session = sessions.find(appointment.sessionId()).orElseThrow();
        outbox.enqueue(new Sms(mobile, "sms.appointment-cancelled", language,
                List.of(beneficiary.name(), centerName(session, language), date(session.date(), language)),
                "cancelled:" + appointment.id(), Priority.TRANSACTIONAL));
    }

    /** Moves an appointment to another session and slot, all or nothing: if the new place is not free, the old one is kept. */
    @Transactional
    public Appointment reschedule(String mobile, UUID appointmentId, UUID sessionId, int slotNo, String idempotencyKey,
                                  Locale language) {
        Optional<Appointment> earlier = replay(mobile, idempotencyKey);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Appointment old = get(appointmentId, mobile);
        end(old, Appointment.Status.RESCHEDULED);
        Beneficiary beneficiary = beneficiaries.get(old.beneficiaryId(), mobile);
        Session session = sessions.find(sessionId).orElseThrow(() -> BookingRefusedException.notFound("booking.error.session-unknown"));
        Appointment appointment = place(beneficiary, session, slotNo, old.dose(), old.source(), language, "sms.appointment-rescheduled");
        remember(mobile, idempotencyKey, appointment);
        return appointment;
    }

    /** One appointment of the mobile's family; another family's is "not found". */
    public Appointment get(UUID appointmentId, String mobile) {
        Appointment appointment = jdbc.sql("select " + COLUMNS + " from appointments where id = ?")
                .param(appointmentId).query(Bookings::appointment).optional()
                .orElseThrow(() -> BookingRefusedException.notFound("booking.error.appointment-unknown"));
        if (beneficiaries.family(mobile).stream().noneMatch(b -> b.id().equals(appointment.beneficiaryId()))) {
            throw BookingRefusedException.notFound("booking.error.appointment-unknown");
        }
        return appointment;
    }

    /** The slip of an appointment of the mobile's family. */
    public AppointmentSlip slip(UUID appointmentId, String mobile) {
        Appointment appointment = get(appointmentId, mobile);
        return slip(appointment, beneficiaries.get(appointment.beneficiaryId(), mobile));
    }

    /** The slip of an appointment whose beneficiary the caller already holds. */
    public AppointmentSlip slip(Appointment appointment, Beneficiary beneficiary) {
        Session session = sessions.find(appointment.sessionId()).orElseThrow();
        return new AppointmentSlip(appointment, beneficiary, session,
                session.slots().stream().filter(s -> s.number() == appointment.slotNo()).findFirst().orElseThrow(),
                centers.find(session.centerId()).orElseThrow(), vaccines.find(session.vaccineCode()).orElseThrow());
    }

    /** The active appointments of a beneficiary, by dose. */
    public List<Appointment> activeOf(UUID beneficiaryId) {
        return jdbc.sql("select " + COLUMNS + " from appointments where beneficiary_id = ? and status = 'BOOKED' order by dose")
                .param(beneficiaryId).query(Bookings::appointment).list();
    }

    /** How many active appointments a session holds; for tests and reports. */
    public int activeIn(UUID sessionId) {
        return jdbc.sql("select count(*) from appointments where session_id = ? and status = 'BOOKED'")
                .param(sessionId).query(Integer.class).single();
    }

    private Appointment place(Beneficiary beneficiary, Session session, int slotNo, int dose, Appointment.Source source,
                              Locale language, String template) {
        Vaccine vaccine = vaccines.find(session.vaccineCode()).orElseThrow();
        var refusal = EligibilityPolicy.firstRefusal(
                new EligibilityPolicy.Candidate(beneficiary, session, vaccine, dose, doseRecords.of(beneficiary.id())));
        if (refusal.isPresent()) {
            throw BookingRefusedException.ineligible(refusal.get());
        }
        Slot slot = session.slots().stream().filter(s -> s.number() == slotNo).findFirst()
                .orElseThrow(() -> BookingRefusedException.notFound("booking.error.slot-unknown"));
        if (slotStarted(session, slot)) {
            throw BookingRefusedException.conflict("booking.error.session-past");
        }
        if (!sessions.take(session.id(), slotNo, dose)) {
            throw BookingRefusedException.full((dose == 1 ? session.dose1Available() : session.dose2Available()) > 0);
        }
        return insert(beneficiary, session, slotNo, dose, source, language, template);
    }

    private Appointment insert(Beneficiary beneficiary, Session session, int slotNo, int dose, Appointment.Source source,
                               Locale language, String template) {
        UUID id = UUID.randomUUID();
        String code = SecurityCode.generate(RANDOM).value();
        try {
            jdbc.sql("""
                            insert into appointments (id, beneficiary_id, dose, session_id, slot_no, security_code, status, source, booked_at)
                            values (?, ?, ?, ?, ?, ?, 'BOOKED', ?, ?)""")
                    .params(id, beneficiary.id(), dose, session.id(), slotNo, code, source.name(), OffsetDateTime.now(clock))
                    .update();
        } catch (DuplicateKeyException alreadyBooked) {
            throw BookingRefusedException.conflict("booking.error.already-booked", dose);
        }
        // someone booked for a dose no longer waits for it (the waitlist's own booking then marks its entry booked)
        jdbc.sql("update waitlist_entries set status = 'LEFT' where beneficiary_id = ? and dose = ? and status = 'WAITING'")
                .params(beneficiary.id(), dose).update();
        Slot slot = session.slots().stream().filter(s -> s.number() == slotNo).findFirst().orElseThrow();
        outbox.enqueue(new Sms(beneficiary.mobile(), template, language,
                List.of(beneficiary.name(), dose, centerName(session, language), date(session.date(), language),
                        slot.startsAt().toString() + "–" + slot.endsAt(), code),
                "appointment:" + id, Priority.TRANSACTIONAL));
        events.publishEvent(new AppointmentBooked(id, beneficiary.id(), session.id(), dose));
        return get(id, beneficiary.mobile());
    }

    private void end(Appointment appointment, Appointment.Status status) {
        int ended = jdbc.sql("update appointments set status = ?, ended_at = now() where id = ? and status = 'BOOKED'")
                .params(status.name(), appointment.id()).update();
        if (ended != 1) {
            throw BookingRefusedException.conflict("booking.error.not-active");
        }
        sessions.release(appointment.sessionId(), appointment.slotNo(), appointment.dose());
        Session session = sessions.find(appointment.sessionId()).orElseThrow();
        events.publishEvent(new CapacityReleased(session.id(), session.districtId(), appointment.dose()));
    }

    private boolean slotStarted(Session session, Slot slot) {
        return session.date().atTime(slot.endsAt()).isBefore(java.time.LocalDateTime.now(clock));
    }

    private double distance(Beneficiary beneficiary, int centerId) {
        return centers.find(centerId)
                .flatMap(c -> geography.kilometres(beneficiary.pincode(), c.latitude().doubleValue(), c.longitude().doubleValue()))
                .orElse(Double.MAX_VALUE);
    }

    private String centerName(Session session, Locale language) {
        return centers.find(session.centerId()).map(c -> c.name(language) + ", " + c.address(language)).orElse("");
    }

    private static String date(LocalDate date, Locale language) {
        return date.format(DateTimeFormatter.ofPattern("d MMMM yyyy", language));
    }

    /** The first answer to this request, when it was made before; otherwise claims the key for this transaction. */
    private Optional<Appointment> replay(String owner, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return Optional.empty();
        }
        String key = "booking:" + owner + ":" + idempotencyKey;
        int claimed = jdbc.sql("insert into idempotency_keys (key, owner, result) values (?, ?, '') on conflict (key) do nothing")
                .params(key, owner).update();
        if (claimed == 1) {
            return Optional.empty();
        }
        String result = jdbc.sql("select result from idempotency_keys where key = ?").param(key).query(String.class).single();
        return Optional.of(get(UUID.fromString(result), owner));
    }

    private void remember(String owner, String idempotencyKey, Appointment appointment) {
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            jdbc.sql("update idempotency_keys set result = ? where key = ?")
                    .params(appointment.id().toString(), "booking:" + owner + ":" + idempotencyKey).update();
        }
    }

    private static Appointment appointment(ResultSet rs, int row) throws SQLException {
        return new Appointment(rs.getObject("id", UUID.class), rs.getObject("beneficiary_id", UUID.class), rs.getInt("dose"),
                rs.getObject("session_id", UUID.class), rs.getInt("slot_no"), rs.getString("security_code"),
                Appointment.Status.valueOf(rs.getString("status")), Appointment.Source.valueOf(rs.getString("source")),
                rs.getObject("booked_at", OffsetDateTime.class).toInstant());
    }
}
