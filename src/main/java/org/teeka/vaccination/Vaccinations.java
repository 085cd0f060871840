package org.teeka.vaccination;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.teeka.account.Permission;
import org.teeka.account.StaffPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.booking.BookingRefusedException;
import org.teeka.booking.CenterAppointments;
import org.teeka.booking.Refusal;
import org.teeka.notification.Outbox;
import org.teeka.notification.Priority;
import org.teeka.notification.Sms;
import org.teeka.platform.TeekaException;
import org.teeka.session.Session;
import org.teeka.session.Sessions;
import org.teeka.vaccine.Vaccine;
import org.teeka.vaccine.VaccineCatalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Records doses at the center: the console calls {@link #record} once per form, the offline sync
 * once per item a device kept. Each call is one transaction and answers with a {@link DoseOutcome}.
 *
 * <p>Two rules hold under concurrency because the database holds them: one record per event id
 * (unique), and one record in force per beneficiary and dose (a partial unique index). The insert
 * does nothing on either conflict, so the loser of a race reads the winner's record and answers
 * Duplicate (same facts) or Conflict (different facts, kept in {@code dose_conflicts} for the center
 * manager). Records are never updated: a correction is a new record pointing at the original.
 */
@Service
public class Vaccinations {

    /** A device's clock may run a little ahead of the server's. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** The hour of the day the next-dose reminder goes out on its due date. */
    static final LocalTime REMINDER_TIME = LocalTime.of(9, 0);

    private final JdbcClient jdbc;
    private final DoseRecords records;
    private final Lots lots;
    private final Sessions sessions;
    private final Beneficiaries beneficiaries;
    private final VaccineCatalog vaccines;
    private final CenterAppointments appointments;
    private final Outbox outbox;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Vaccinations(JdbcClient jdbc, DoseRecords records, Lots lots, Sessions sessions, Beneficiaries beneficiaries,
                 VaccineCatalog vaccines, CenterAppointments appointments, Outbox outbox, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.records = records;
        this.lots = lots;
        this.sessions = sessions;
        this.beneficiaries = beneficiaries;
        this.vaccines = vaccines;
        this.appointments = appointments;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records one dose given by {@code by} (the vaccinator), or says why not. In order: a replayed
     * event id answers as it did the first time; the staff member must record doses at the
     * session's center; the dose must be given on the session's day; an existing record of this
     * dose makes it a Duplicate or a Conflict; the vaccine must be the session's, the lot known,
     * of that vaccine and not expired; booking's eligibility policies must allow the dose. Then the
     * record is written, the person's appointment marked VACCINATED, the next dose's reminder
     * scheduled (or this dose's withdrawn) and {@link DoseAdministered} published, all in this transaction.
     */
    @Transactional
    public DoseOutcome record(DoseEntry entry, StaffPrincipal by) {
        if (entry == null || entry.eventId() == null || entry.beneficiaryId() == null || entry.sessionId() == null
                || entry.administeredAt() == null || entry.vaccineCode() == null || entry.vaccineCode().isBlank()
                || entry.dose() < 1 || entry.dose() > 5) {
            return DoseOutcome.Refused.of("vaccination.error.entry-incomplete");
        }
        if (entry.lotNumber() == null || entry.lotNumber().isBlank()) {
            return DoseOutcome.Refused.of("vaccination.error.lot-required");
        }
        if (entry.deviceId() != null && entry.deviceId().length() > 100) {
            return DoseOutcome.Refused.of("vaccination.error.entry-incomplete");
        }
        Optional<DoseOutcome> replay = replay(entry.eventId());
        if (replay.isPresent()) {
            return replay.get();
        }
        if (!by.scope().allows(Permission.RECORD_DOSES)) {
            return DoseOutcome.Refused.of("vaccination.error.not-allowed");
        }
        Session session = sessions.find(entry.sessionId()).orElse(null);
        if (session == null || !by.scope().coversCenter(session.stateId(), session.districtId(), session.centerId())) {
            return DoseOutcome.Refused.of("vaccination.error.session-unknown");
        }
        LocalDate givenOn = LocalDate.ofInstant(entry.administeredAt(), clock.getZone());
        if (entry.administeredAt().isAfter(Instant.now(clock).plus(CLOCK_SKEW))) {
            return DoseOutcome.Refused.of("vaccination.error.in-future");
        }
        if (!givenOn.equals(session.date())) {
            return DoseOutcome.Refused.of("vaccination.error.not-session-day", session.date().toString());
        }
        Beneficiary beneficiary = beneficiaries.find(entry.beneficiaryId()).orElse(null);
        if (beneficiary == null) {
            return DoseOutcome.Refused.of("vaccination.error.beneficiary-unknown");
        }
        Optional<DoseRecord> existing = records.inForce(beneficiary.id(), entry.dose());
        if (existing.isPresent()) {
            return sameOrConflict(existing.get(), entry, session, by);
        }
        Vaccine vaccine = vaccines.find(session.vaccineCode()).orElseThrow();
        if (!entry.vaccineCode().equals(session.vaccineCode())) {
            return DoseOutcome.Refused.of("vaccination.error.vaccine-not-session", vaccine.name());
        }
        Optional<Lot> lot = lots.find(entry.lotNumber());
        if (lot.isEmpty()) {
            return DoseOutcome.Refused.of("vaccination.error.lot-unknown", Lots.normalise(entry.lotNumber()));
        }
        if (!lot.get().vaccineCode().equals(session.vaccineCode())) {
            return DoseOutcome.Refused.of("vaccination.error.lot-other-vaccine", lot.get().lotNumber(),
                    vaccines.find(lot.get().vaccineCode()).map(Vaccine::name).orElse(lot.get().vaccineCode()));
        }
        if (lot.get().expiresOn().isBefore(givenOn)) {
            return DoseOutcome.Refused.of("vaccination.error.lot-expired", lot.get().lotNumber(), lot.get().expiresOn().toString());
        }
        Optional<Refusal> refusal = appointments.eligibility(beneficiary, session, entry.dose());
        if (refusal.isPresent()) {
            // a dose recorded meanwhile (another device, just now) is a duplicate or a conflict, not a refusal
            Optional<DoseRecord> meanwhile = records.inForce(beneficiary.id(), entry.dose());
            if (meanwhile.isPresent()) {
                return sameOrConflict(meanwhile.get(), entry, session, by);
            }
            return new DoseOutcome.Refused(refusal.get().code(), refusal.get().arguments());
        }

        UUID id = UUID.randomUUID();
        // does nothing on a second record of this event or of this dose: the database decides the race
        Optional<UUID> inserted = jdbc.sql("""
                        insert into dose_records (id, beneficiary_id, dose, vaccine_code, given_on, center_id, event_id, lot_number,
                                                  session_id, vaccinator_id, administered_at, device_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing
                        returning id""")
                .params(id, beneficiary.id(), entry.dose(), session.vaccineCode(), givenOn, session.centerId(), entry.eventId(),
                        lot.get().lotNumber(), session.id(), by.id(), OffsetDateTime.ofInstant(entry.administeredAt(), clock.getZone()),
                        entry.deviceId())
                .query(UUID.class).optional();
        if (inserted.isEmpty()) {
            return replay(entry.eventId()).orElseGet(() -> records.inForce(beneficiary.id(), entry.dose())
                    .map(winner -> sameOrConflict(winner, entry, session, by))
                    .orElseThrow(() -> new IllegalStateException("dose record refused by the database but none found")));
        }
        try {
            appointments.vaccinated(beneficiary.id(), entry.dose(), session.id());
        } catch (BookingRefusedException changedMeanwhile) {
            // the appointment moved on under us (another device); the dose itself stands
        }
        remind(beneficiary, vaccine, entry.dose(), givenOn);
        events.publishEvent(new DoseAdministered(id, beneficiary.id(), entry.dose(), session.vaccineCode(), givenOn, session.centerId()));
        return new DoseOutcome.Accepted(records.find(id).orElseThrow());
    }

    /**
     * Corrects a dose record: a new record for the same beneficiary and dose pointing at the
     * original, with the reason. Only a center manager of the record's center; only a record in
     * force (corrections form a chain). The original is never changed.
     */
    @Transactional
    public DoseRecord correct(UUID originalId, String vaccineCode, String lotNumber, String reason, StaffPrincipal by) {
        if (!by.scope().allows(Permission.MANAGE_CENTER_DAY)) {
            throw new CorrectionRefusedException(HttpStatus.FORBIDDEN, "vaccination.error.not-allowed");
        }
        DoseRecord original = records.find(originalId)
                .orElseThrow(() -> new CorrectionRefusedException(HttpStatus.NOT_FOUND, "vaccination.error.dose-unknown"));
        Session session = original.sessionId() == null ? null : sessions.find(original.sessionId()).orElse(null);
        if (session == null || !by.scope().coversCenter(session.stateId(), session.districtId(), session.centerId())) {
            throw new CorrectionRefusedException(HttpStatus.NOT_FOUND, "vaccination.error.dose-unknown");
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new CorrectionRefusedException(HttpStatus.UNPROCESSABLE_CONTENT, "vaccination.error.reason-required");
        }
        if (lotNumber == null || lotNumber.isBlank()) {
            throw new CorrectionRefusedException(HttpStatus.UNPROCESSABLE_CONTENT, "vaccination.error.lot-required");
        }
        Lot lot = lots.find(lotNumber).orElseThrow(() -> new CorrectionRefusedException(HttpStatus.UNPROCESSABLE_CONTENT,
                "vaccination.error.lot-unknown", Lots.normalise(lotNumber)));
        if (!lot.vaccineCode().equals(vaccineCode)) {
            throw new CorrectionRefusedException(HttpStatus.UNPROCESSABLE_CONTENT, "vaccination.error.correction-lot-other-vaccine",
                    lot.lotNumber(), vaccines.find(lot.vaccineCode()).map(Vaccine::name).orElse(lot.vaccineCode()));
        }
        if (vaccines.find(vaccineCode).isEmpty()) {
            throw new CorrectionRefusedException(HttpStatus.UNPROCESSABLE_CONTENT, "vaccination.error.vaccine-not-session", vaccineCode);
        }
        UUID id = UUID.randomUUID();
        Optional<UUID> inserted = jdbc.sql("""
                        insert into dose_records (id, beneficiary_id, dose, vaccine_code, given_on, center_id, corrects_id, correction_reason,
                                                  event_id, lot_number, session_id, vaccinator_id, administered_at, device_id, corrected_by)
                        select ?, beneficiary_id, dose, ?, given_on, center_id, id, ?, ?, ?, session_id, vaccinator_id, administered_at, device_id, ?
                        from dose_records where id = ?
                        on conflict do nothing
                        returning id""")
                .params(id, vaccineCode, reason.strip(), id, lot.lotNumber(), by.id(), original.id())
                .query(UUID.class).optional();
        if (inserted.isEmpty()) {
            throw new CorrectionRefusedException(HttpStatus.CONFLICT, "vaccination.error.already-corrected");
        }
        DoseRecord correction = records.find(id).orElseThrow();
        // in this transaction: the certificate (after commit) revokes the original's and issues the correction's
        events.publishEvent(new DoseCorrected(original.id(), correction.id(), correction.beneficiaryId(), correction.dose(),
                correction.vaccineCode(), correction.givenOn(), correction.centerId(), reason.strip()));
        return correction;
    }

    /** The conflicts recorded at a center, newest first: for its manager to resolve with the people. */
    public List<DoseConflict> conflictsAt(int centerId, StaffPrincipal by) {
        return jdbc.sql("""
                        select c.id, c.event_id, c.existing_id, c.beneficiary_id, c.dose, c.vaccine_code, c.lot_number, c.session_id,
                               c.center_id, c.vaccinator_id, c.administered_at, c.device_id, c.reason, c.created_at
                        from dose_conflicts c where c.center_id = ? order by c.id desc limit 200""")
                .param(centerId).query(DoseConflict.class).list();
    }

    private Optional<DoseOutcome> replay(UUID eventId) {
        Optional<DoseRecord> earlier = records.byEvent(eventId);
        if (earlier.isPresent()) {
            return Optional.of(new DoseOutcome.Duplicate(earlier.get()));
        }
        record Earlier(UUID existingId, String reason) {
        }
        return jdbc.sql("select existing_id, reason from dose_conflicts where event_id = ?").param(eventId)
                .query(Earlier.class).optional()
                .map(c -> new DoseOutcome.Conflict(records.find(c.existingId()).orElseThrow(), c.reason()));
    }

    private DoseOutcome sameOrConflict(DoseRecord existing, DoseEntry entry, Session session, StaffPrincipal by) {
        String reason;
        if (!existing.vaccineCode().equals(entry.vaccineCode())) {
            reason = "vaccination.conflict.vaccine";
        } else if (!Lots.normalise(entry.lotNumber()).equals(existing.lotNumber())) {
            reason = "vaccination.conflict.lot";
        } else if (!session.id().equals(existing.sessionId())) {
            reason = "vaccination.conflict.session";
        } else {
            return new DoseOutcome.Duplicate(existing);
        }
        jdbc.sql("""
                        insert into dose_conflicts (event_id, existing_id, beneficiary_id, dose, vaccine_code, lot_number, session_id,
                                                    center_id, vaccinator_id, administered_at, device_id, reason)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (event_id) do nothing""")
                .params(entry.eventId(), existing.id(), existing.beneficiaryId(), entry.dose(), entry.vaccineCode(),
                        Lots.normalise(entry.lotNumber()), session.id(), session.centerId(), by.id(),
                        OffsetDateTime.ofInstant(entry.administeredAt(), clock.getZone()), entry.deviceId(), reason)
                .update();
        return new DoseOutcome.Conflict(existing, reason);
    }

    /** After a dose with another to follow, the reminder for it, due on the day the interval ends; the reminder for this dose withdrawn. */
    private void remind(Beneficiary beneficiary, Vaccine vaccine, int dose, LocalDate givenOn) {
        outbox.withdraw(reminderKey(beneficiary.id(), dose));
        if (beneficiary.mobile() == null || dose >= vaccine.doses() || vaccine.minIntervalDays() == null) {
            return;
        }
        LocalDate due = givenOn.plusDays(vaccine.minIntervalDays());
        Locale language = beneficiaries.languageOf(beneficiary.mobile());
        outbox.enqueue(new Sms(beneficiary.mobile(), "sms.dose-two-due", language,
                List.of(beneficiary.name(), dose + 1, vaccine.name(language),
                        due.format(DateTimeFormatter.ofPattern("d MMMM yyyy", language)), beneficiary.referenceId()),
                reminderKey(beneficiary.id(), dose + 1), Priority.TRANSACTIONAL)
                .dueAt(due.atTime(REMINDER_TIME).atZone(clock.getZone()).toInstant()));
    }

    /** The dedupe key of the reminder for a beneficiary's dose. */
    static String reminderKey(UUID beneficiaryId, int dose) {
        return "dose-due:" + beneficiaryId + ":" + dose;
    }

    /** A correction that cannot be made; the code says why. */
    public static class CorrectionRefusedException extends TeekaException {

        CorrectionRefusedException(HttpStatus status, String code, Object... arguments) {
            super(status, code, arguments);
        }
    }
}
