package org.teeka.notification;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The outbox as staff see it: each message's fate, never its text. The text of an OTP or an
 * appointment SMS carries a code that lets whoever reads it sign in as the citizen or take their
 * place, so it never leaves this module towards staff. Every read is bounded by a {@link Reach}:
 * the districts the caller may see.
 */
@Service
public class MessageLog {

    /** Indian days: "today's" messages are those of today in India. */
    static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

    public enum Status {
        SCHEDULED, PENDING, SUBMITTED, DELIVERED, FAILED, DEAD, WITHDRAWN;

        public String messageKey() {
            return "smsdesk.status." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Which messages a caller may see: those about one of {@code districtIds}, and, when
     * {@code unattributed} is set, also those about no district (OTPs, older messages).
     */
    public record Reach(List<Integer> districtIds, boolean unattributed) {

        public Reach {
            districtIds = List.copyOf(districtIds);
        }
    }

    /**
     * A search. Null fields do not filter.
     *
     * @param from first Indian day, inclusive
     * @param to last Indian day, inclusive
     */
    public record Search(String mobile, Status status, LocalDate from, LocalDate to) {
    }

    /** A message's fate: what staff may know of it. */
    public record Fate(UUID id, String mobile, String template, String language, Status status, int attempts, String lastError,
                       Instant createdAt, Instant dueAt, Instant submittedAt, Instant doneAt, Integer districtId, Integer centerId,
                       UUID appointmentId, Instant retriedAt, String retriedBy) {

        /** The message key naming the template for staff, e.g. {@code smsdesk.template.otp}. */
        public String templateKey() {
            return "smsdesk.template." + template.substring("sms.".length());
        }
    }

    /** One district's messages of one Indian day, by fate; pending counts SCHEDULED-turned-due and PENDING. */
    public record DeliveryRate(LocalDate day, int districtId, int total, int sent, int delivered, int failed, int dead, int pending) {

        /** Delivered out of all messages of the day, 0 to 100, one decimal. */
        public double percentDelivered() {
            return total == 0 ? 0 : Math.round(1000.0 * delivered / total) / 10.0;
        }
    }

    private static final String COLUMNS = """
            id, mobile, template, language, status, attempts, last_error, created_at, not_before, submitted_at, done_at,
            district_id, center_id, appointment_id, retried_at, retried_by""";

    private final JdbcClient jdbc;
    private final DispatchSignal signal;

    MessageLog(JdbcClient jdbc, DispatchSignal signal) {
        this.jdbc = jdbc;
        this.signal = signal;
    }

    /** The messages matching a search within reach, newest first; {@code limit + 1} asked tells whether there are more. */
    public List<Fate> search(Search search, Reach reach, int offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from outbox_messages where " + REACH + """
                         and (cast(:mobile as text) is null or mobile = :mobile)
                         and (cast(:status as text) is null or status = :status)
                         and (cast(:from as timestamptz) is null or created_at >= :from)
                         and (cast(:to as timestamptz) is null or created_at < :to)
                        order by created_at desc, id
                        offset :offset limit :limit""")
                .param("districts", reach.districtIds().toArray(Integer[]::new))
                .param("unattributed", reach.unattributed())
                .param("mobile", search.mobile())
                .param("status", search.status() == null ? null : search.status().name())
                .param("from", startOf(search.from()))
                .param("to", search.to() == null ? null : startOf(search.to().plusDays(1)))
                .param("offset", offset)
                .param("limit", limit)
                .query(MessageLog::fate).list();
    }

    /** Delivery by district and Indian day, for the days from {@code from} to {@code to} inclusive, newest day first. */
    public List<DeliveryRate> rates(Collection<Integer> districtIds, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select (created_at at time zone 'Asia/Kolkata')::date as day, district_id,
                               count(*) filter (where status not in ('SCHEDULED', 'WITHDRAWN')) as total,
                               count(*) filter (where status in ('SUBMITTED', 'DELIVERED', 'FAILED')) as sent,
                               count(*) filter (where status = 'DELIVERED') as delivered,
                               count(*) filter (where status = 'FAILED') as failed,
                               count(*) filter (where status = 'DEAD') as dead,
                               count(*) filter (where status = 'PENDING') as pending
                        from outbox_messages
                        where district_id = any(:districts) and created_at >= :from and created_at < :to
                        group by 1, 2
                        having count(*) filter (where status not in ('SCHEDULED', 'WITHDRAWN')) > 0
                        order by 1 desc, 2""")
                .param("districts", districtIds.toArray(Integer[]::new))
                .param("from", startOf(from))
                .param("to", startOf(to.plusDays(1)))
                .query((rs, n) -> new DeliveryRate(rs.getObject("day", LocalDate.class), rs.getInt("district_id"), rs.getInt("total"),
                        rs.getInt("sent"), rs.getInt("delivered"), rs.getInt("failed"), rs.getInt("dead"), rs.getInt("pending")))
                .list();
    }

    /** The dead letters about the given districts, oldest first. */
    public List<Fate> dead(Collection<Integer> districtIds, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from outbox_messages
                        where status = 'DEAD' and district_id = any(:districts)
                        order by created_at, id
                        limit :limit""")
                .param("districts", districtIds.toArray(Integer[]::new))
                .param("limit", limit)
                .query(MessageLog::fate).list();
    }

    /** How many dead letters there are about the given districts. */
    public int deadCount(Collection<Integer> districtIds) {
        return jdbc.sql("select count(*) from outbox_messages where status = 'DEAD' and district_id = any(?)")
                .param(districtIds.toArray(Integer[]::new)).query(Integer.class).single();
    }

    /**
     * Sends dead letters again: each one still DEAD and about one of the districts becomes PENDING,
     * due now, its attempts reset, and remembers who retried it and when. A letter that is no longer
     * dead (retried a moment ago by a double click or a colleague) is left alone, so a retry sends
     * each letter once. Returns the ids retried by this call.
     *
     * @param ids the letters to retry; null for every dead letter about the districts
     */
    @Transactional
    public List<UUID> retry(Collection<UUID> ids, Collection<Integer> districtIds, String retriedBy) {
        List<UUID> retried = jdbc.sql("""
                        update outbox_messages
                        set status = 'PENDING', attempts = 0, not_before = now(), retried_at = now(), retried_by = :by
                        where status = 'DEAD' and district_id = any(:districts)
                          and (cast(:all as boolean) or id = any(:ids))
                        returning id""")
                .param("by", retriedBy)
                .param("districts", districtIds.toArray(Integer[]::new))
                .param("all", ids == null)
                .param("ids", ids == null ? new UUID[0] : ids.toArray(UUID[]::new))
                .query(UUID.class).list();
        if (!retried.isEmpty() && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal.wake();
                }
            });
        }
        return retried;
    }

    /**
     * The fate of the appointment SMS (booked, rescheduled or booked from the waitlist: the one with
     * the center, date and time) of each appointment that has one, by appointment id.
     */
    public Map<UUID, Fate> appointmentMessages(Collection<UUID> appointmentIds) {
        var found = new HashMap<UUID, Fate>();
        if (appointmentIds.isEmpty()) {
            return found;
        }
        jdbc.sql("select dedupe_key, " + COLUMNS + " from outbox_messages where dedupe_key = any(?)")
                .param(appointmentIds.stream().map(id -> "appointment:" + id).toArray(String[]::new))
                .query((rs, n) -> Map.entry(UUID.fromString(rs.getString("dedupe_key").substring("appointment:".length())), fate(rs, n)))
                .list()
                .forEach(e -> found.put(e.getKey(), e.getValue()));
        return found;
    }

    /** The statuses a message may have, for search forms. */
    public static Set<Status> statuses() {
        return Set.of(Status.values());
    }

    private static final String REACH = "(district_id = any(:districts) or (cast(:unattributed as boolean) and district_id is null))";

    private static Timestamp startOf(LocalDate day) {
        return day == null ? null : Timestamp.from(day.atStartOfDay(INDIA).toInstant());
    }

    private static Fate fate(ResultSet rs, int row) throws SQLException {
        return new Fate(rs.getObject("id", UUID.class), rs.getString("mobile"), rs.getString("template"), rs.getString("language"),
                Status.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "created_at"),
                instant(rs, "not_before"), instant(rs, "submitted_at"), instant(rs, "done_at"), (Integer) rs.getObject("district_id"),
                (Integer) rs.getObject("center_id"), rs.getObject("appointment_id", UUID.class), instant(rs, "retried_at"),
                rs.getString("retried_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
