package org.teeka.vaccination;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.teeka.account.StaffPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.InvalidValueException;
import org.teeka.beneficiary.ReferenceId;
import org.teeka.beneficiary.SecurityCode;
import org.teeka.booking.Appointment;
import org.teeka.booking.CenterAppointments;
import org.teeka.platform.TeekaException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds a person at the center console, and only so: by reference id, or by appointment code plus
 * its 4-digit security code; never by name or phone. Every lookup is written to {@code staff_lookups}
 * (who, when, what was asked, the result), found or not, in a transaction of its own so the audit
 * survives a failing lookup. Each staff account has a quota held in the database (so every node
 * counts against the same one): fixed windows counted by conditional upserts, which never let more
 * than the limit through however many requests race. Going over blocks the account's lookups until
 * the window ends and raises an alert (a row admins see, a WARN line, a counter) once per window.
 */
@Service
public class Lookups {

    private static final Logger log = LoggerFactory.getLogger(Lookups.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Beneficiaries beneficiaries;
    private final CenterAppointments appointments;
    private final LookupSettings settings;
    private final MeterRegistry meters;
    private final Clock clock;

    Lookups(JdbcClient jdbc, PlatformTransactionManager transactions, Beneficiaries beneficiaries, CenterAppointments appointments,
            LookupSettings settings, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.beneficiaries = beneficiaries;
        this.appointments = appointments;
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
    }

    /** What a lookup found: the person, and the appointment when one was asked for. */
    public record Found(Beneficiary beneficiary, Optional<Appointment> appointment) {
    }

    /** Finds a person by reference id; empty when nobody has it. */
    public Optional<Found> byReference(String typed, Integer centerId, StaffPrincipal by) {
        String asked = typed == null ? "" : typed.strip();
        take(by, centerId, "REFERENCE_ID", asked);
        ReferenceId referenceId;
        try {
            referenceId = ReferenceId.of(asked);
        } catch (InvalidValueException invalid) {
            audit(by, centerId, "REFERENCE_ID", asked, "INVALID", null);
            throw invalid;
        }
        Optional<Beneficiary> found = beneficiaries.byReference(referenceId);
        audit(by, centerId, "REFERENCE_ID", referenceId.value(), found.isPresent() ? "FOUND" : "NOT_FOUND", found.map(Beneficiary::id).orElse(null));
        return found.map(b -> new Found(b, Optional.empty()));
    }

    /**
     * Finds an appointment of the given sessions (the center's today) by its code, with its
     * security code; empty when no appointment has the code; a wrong security code is refused.
     */
    public Optional<Found> byAppointment(String code, String securityCode, Collection<UUID> sessionIds, Integer centerId, StaffPrincipal by) {
        String asked = code == null ? "" : code.strip();
        asked = asked.length() > 64 ? asked.substring(0, 64) : asked;
        take(by, centerId, "APPOINTMENT", asked);
        SecurityCode secret;
        try {
            secret = SecurityCode.of(securityCode);
        } catch (InvalidValueException invalid) {
            audit(by, centerId, "APPOINTMENT", asked, "INVALID", null);
            throw invalid;
        }
        Optional<Appointment> appointment;
        try {
            appointment = appointments.byCode(asked, secret, sessionIds);
        } catch (CenterAppointments.WrongSecurityCodeException wrong) {
            audit(by, centerId, "APPOINTMENT", asked, "WRONG_CODE", null);
            throw wrong;
        }
        Optional<Found> found = appointment.flatMap(a -> beneficiaries.find(a.beneficiaryId()).map(b -> new Found(b, Optional.of(a))));
        audit(by, centerId, "APPOINTMENT", asked, found.isPresent() ? "FOUND" : "NOT_FOUND",
                found.map(f -> f.beneficiary().id()).orElse(null));
        return found;
    }

    /**
     * Takes one lookup from the account's quota, or throws {@link LookupQuotaExceededException}
     * (after auditing the blocked lookup and raising the alert).
     */
    void take(StaffPrincipal by, Integer centerId, String kind, String asked) {
        Instant now = Instant.now(clock);
        Instant shortStart = Instant.ofEpochMilli(now.toEpochMilli() - now.toEpochMilli() % settings.window().toMillis());
        Instant dayStart = LocalDate.ofInstant(now, clock.getZone()).atStartOfDay(clock.getZone()).toInstant();
        String over = ownTransaction.execute(status -> {
            if (!count(by.id(), "SHORT", shortStart, settings.perWindow())) {
                return "SHORT";
            }
            if (!count(by.id(), "DAY", dayStart, settings.perDay())) {
                status.setRollbackOnly();
                return "DAY";
            }
            return null;
        });
        if (over == null) {
            meters.counter("teeka.console.lookups", "result", "allowed").increment();
            return;
        }
        meters.counter("teeka.console.lookups", "result", "blocked").increment();
        Instant windowStart = over.equals("SHORT") ? shortStart : dayStart;
        Instant windowEnd = over.equals("SHORT") ? shortStart.plus(settings.window())
                : LocalDate.ofInstant(now, clock.getZone()).plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        audit(by, centerId, kind, asked, "BLOCKED", null);
        raiseAlert(by, over, windowStart);
        throw new LookupQuotaExceededException(Duration.between(now, windowEnd));
    }

    /** Counts one lookup in the window, unless the window already holds the limit: one statement, safe under any concurrency. */
    private boolean count(long staffId, String window, Instant start, int limit) {
        return jdbc.sql("""
                        insert into staff_lookup_counters as c (staff_id, window_name, window_start, used) values (?, ?, ?, 1)
                        on conflict (staff_id, window_name, window_start) do update set used = c.used + 1
                        where c.used < ?
                        returning used""")
                .params(staffId, window, OffsetDateTime.ofInstant(start, clock.getZone()), limit)
                .query(Integer.class).optional().isPresent();
    }

    private void raiseAlert(StaffPrincipal by, String window, Instant windowStart) {
        Boolean raised = ownTransaction.execute(status -> jdbc.sql("""
                        insert into staff_alerts (kind, staff_id, username, display_name, state_id, district_id, center_id, window_name, window_start)
                        values ('LOOKUP_QUOTA', ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (kind, staff_id, window_name, window_start) do nothing""")
                .params(by.id(), by.getUsername(), by.displayName(), by.scope().stateId(), by.scope().districtId(), by.scope().centerId(), window,
                        OffsetDateTime.ofInstant(windowStart, clock.getZone()))
                .update() == 1);
        if (Boolean.TRUE.equals(raised)) {
            meters.counter("teeka.console.lookup.alerts").increment();
            log.warn("Lookup quota exceeded by staff {} ({}) of center {}: {} window from {}; lookups blocked until it ends",
                    by.id(), by.getUsername(), by.scope().centerId(), window, windowStart);
        }
    }

    private void audit(StaffPrincipal by, Integer centerId, String kind, String asked, String result, UUID beneficiaryId) {
        String kept = asked.length() > 64 ? asked.substring(0, 64) : asked;
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                        insert into staff_lookups (staff_id, center_id, kind, asked, result, beneficiary_id) values (?, ?, ?, ?, ?, ?)""")
                .params(by.id(), centerId, kind, kept, result, beneficiaryId).update());
    }

    /** The account used up its lookups for now. */
    public static class LookupQuotaExceededException extends TeekaException {

        LookupQuotaExceededException(Duration retryAfter) {
            super(HttpStatus.TOO_MANY_REQUESTS, "console.error.lookup-quota", Math.max(1, retryAfter.toSeconds()));
            getHeaders().set(org.springframework.http.HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
        }
    }
}
