package org.teeka.notification;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The outbox seen by the dispatcher. A claim leases due rows: it counts the attempt and hides the
 * row for the lease's length, in a short transaction of its own, so a crashed node's rows come
 * back by themselves. Each result names the attempt it belongs to; a result for an attempt that
 * was superseded (its lease ran out and another claim took the row) changes nothing.
 */
@Component
class OutboxQueue {

    /** A row claimed for sending; {@code attempt} is its attempts count including this one. */
    record Claimed(UUID id, String mobile, String template, String language, String text, int priority, int attempt,
                   Instant createdAt) {

        OutgoingSms sms() {
            return new OutgoingSms(id, mobile, template, language, text, priority);
        }
    }

    record Submitted(UUID id, int attempt, String smscMessageId) {
    }

    record Failed(UUID id, int attempt, String error) {
    }

    record Unsent(UUID id, int attempt) {
    }

    private final JdbcClient jdbc;

    OutboxQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes SCHEDULED rows that are due PENDING; returns how many. */
    int promoteDue() {
        return jdbc.sql("update outbox_messages set status = 'PENDING' where status = 'SCHEDULED' and not_before <= now()").update();
    }

    /** Leases up to {@code limit} due PENDING rows, most urgent first (priority, then age). */
    List<Claimed> claim(int limit, Duration lease) {
        return jdbc.sql("""
                        update outbox_messages o
                        set attempts = o.attempts + 1, not_before = now() + make_interval(secs => ?)
                        where o.id in (select id from outbox_messages
                                       where status = 'PENDING' and not_before <= now()
                                       order by priority, created_at
                                       limit ?
                                       for update skip locked)
                        returning o.id, o.mobile, o.template, o.language, o.text, o.priority, o.attempts, o.created_at""")
                .params(seconds(lease), limit)
                .query((rs, n) -> new Claimed(rs.getObject("id", UUID.class), rs.getString("mobile"), rs.getString("template"),
                        rs.getString("language"), rs.getString("text"), rs.getInt("priority"), rs.getInt("attempts"),
                        rs.getTimestamp("created_at").toInstant()))
                .list()
                .stream()
                .sorted(Comparator.comparingInt(Claimed::priority).thenComparing(Claimed::createdAt))
                .toList();
    }

    /** Records the SMSC's acceptance and its message id; returns how many rows changed. */
    int submitted(List<Submitted> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update outbox_messages o
                        set status = 'SUBMITTED', smsc_message_id = r.smsc_id, submitted_at = now(), last_error = null
                        from unnest(?::text[], ?::text[], ?::text[]) as r(id, attempt, smsc_id)
                        where o.id = r.id::uuid and o.attempts = r.attempt::int and o.status = 'PENDING'""")
                .params(rows.stream().map(r -> r.id().toString()).toArray(String[]::new),
                        rows.stream().map(r -> Integer.toString(r.attempt())).toArray(String[]::new),
                        rows.stream().map(Submitted::smscMessageId).toArray(String[]::new))
                .update();
    }

    /**
     * Records failed attempts: back to PENDING after a pause that doubles with each attempt, or
     * DEAD once {@code maxAttempts} are used up. Returns the ids that went DEAD.
     */
    List<UUID> failed(List<Failed> rows, int maxAttempts, Duration retryBase, Duration retryMax) {
        if (rows.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        update outbox_messages o
                        set status = case when o.attempts >= ? then 'DEAD' else 'PENDING' end,
                            not_before = now() + least(make_interval(secs => ? * power(2, o.attempts - 1)), make_interval(secs => ?)),
                            last_error = r.error
                        from unnest(?::text[], ?::text[], ?::text[]) as r(id, attempt, error)
                        where o.id = r.id::uuid and o.attempts = r.attempt::int and o.status = 'PENDING'
                        returning o.id, o.status""")
                .params(maxAttempts, seconds(retryBase), seconds(retryMax),
                        rows.stream().map(r -> r.id().toString()).toArray(String[]::new),
                        rows.stream().map(r -> Integer.toString(r.attempt())).toArray(String[]::new),
                        rows.stream().map(Failed::error).toArray(String[]::new))
                .query((rs, n) -> "DEAD".equals(rs.getString("status")) ? rs.getObject("id", UUID.class) : null)
                .list()
                .stream()
                .filter(Objects::nonNull)
                .toList();
    }

    /** Gives back rows that never left: the attempt does not count, and they are due again in a second. */
    void unsent(List<Unsent> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update outbox_messages o
                        set attempts = o.attempts - 1, not_before = now() + interval '1 second'
                        from unnest(?::text[], ?::text[]) as r(id, attempt)
                        where o.id = r.id::uuid and o.attempts = r.attempt::int and o.status = 'PENDING'""")
                .params(rows.stream().map(r -> r.id().toString()).toArray(String[]::new),
                        rows.stream().map(r -> Integer.toString(r.attempt())).toArray(String[]::new))
                .update();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
