package org.teeka.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivery receipts from the SMSC. A receipt is written to {@code sms_receipts} before the SMSC
 * is told it arrived; {@link #applyWaiting()} then moves its outbox row from SUBMITTED to
 * DELIVERED or FAILED. Receipts are written in groups, one commit for all that arrived meanwhile,
 * so thousands a second cost a few hundred commits. A receipt may overtake the row's SUBMITTED
 * mark, or name a copy sent before a crash that was never marked; it waits in the table until a
 * row takes it, and after two days it is dropped.
 */
@Component
@ConditionalOnBooleanProperty(name = "teeka.sms.dispatch.enabled", matchIfMissing = true)
class DeliveryReceipts implements SmartLifecycle {

    /** Final receipt states, as the {@code stat:} field of a receipt names them. */
    static final List<String> FINAL_STATES = List.of("DELIVRD", "UNDELIV", "EXPIRED", "DELETED", "REJECTD", "UNKNOWN");

    private static final Logger log = LoggerFactory.getLogger(DeliveryReceipts.class);
    private static final int GROUP = 1000;

    private record Waiting(String smscMessageId, String state, CompletableFuture<Void> written) {
    }

    private final JdbcClient jdbc;
    private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean waiting = new AtomicBoolean();
    private final AtomicLong sweeps = new AtomicLong();
    private volatile boolean running;
    private volatile Thread writer;

    DeliveryReceipts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes a final receipt and returns once it is committed; throws when it could not be. */
    void record(String smscMessageId, String state) throws InterruptedException {
        if (!FINAL_STATES.contains(state)) {
            throw new IllegalArgumentException("state must be a final receipt state, not " + state);
        }
        var waiting = new Waiting(smscMessageId, state, new CompletableFuture<>());
        queue.add(waiting);
        try {
            waiting.written().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("receipt " + smscMessageId + " not written", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("receipt " + smscMessageId + " not written in 10 s", e);
        }
    }

    /**
     * Moves SUBMITTED rows whose receipt is in {@code sms_receipts} to DELIVERED or FAILED and
     * deletes those receipts; returns how many rows moved. One thread per node calls it (the
     * dispatcher's outcome writer), and receipts another node is applying are skipped, so two
     * appliers never wait for each other. Receipts older than two days are dropped.
     */
    int applyWaiting() {
        waiting.set(false);
        int applied = jdbc.sql("""
                        with receipt as (
                            select smsc_message_id, state, received_at from sms_receipts
                            order by smsc_message_id
                            limit 5000
                            for update skip locked),
                        applied as (
                            update outbox_messages o
                            set status = case when r.state = 'DELIVRD' then 'DELIVERED' else 'FAILED' end,
                                receipt_state = r.state, done_at = r.received_at
                            from receipt r
                            where o.smsc_message_id = r.smsc_message_id and o.status = 'SUBMITTED'
                            returning r.smsc_message_id)
                        delete from sms_receipts where smsc_message_id in (select smsc_message_id from applied)""")
                .update();
        if (sweeps.incrementAndGet() % 1000 == 0) {
            jdbc.sql("delete from sms_receipts where received_at < now() - interval '2 days'").update();
        }
        return applied;
    }

    /** Whether receipts were written since the last {@link #applyWaiting()}. */
    boolean waiting() {
        return waiting.get();
    }

    @Override
    public void start() {
        running = true;
        // assigned before it runs: the thread checks that it is still the current one
        writer = Thread.ofVirtual().name("sms-receipt-writer").unstarted(this::writeLoop);
        writer.start();
    }

    @Override
    public void stop() {
        running = false;
        if (writer != null) {
            try {
                writer.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the gateway, which hands it receipts. */
    @Override
    public int getPhase() {
        return SmppSmsGateway.PHASE - 100;
    }

    private void writeLoop() {
        while (writer == Thread.currentThread() && (running || !queue.isEmpty())) {
            List<Waiting> group = new ArrayList<>();
            try {
                Waiting first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, GROUP - 1);
                write(group);
                group.forEach(w -> w.written().complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                group.forEach(w -> w.written().completeExceptionally(e));
                return;
            } catch (RuntimeException e) {
                log.warn("Could not write {} delivery receipts: {}", group.size(), e.getMessage());
                group.forEach(w -> w.written().completeExceptionally(e));
            }
        }
    }

    private void write(List<Waiting> group) {
        String[] ids = group.stream().map(Waiting::smscMessageId).toArray(String[]::new);
        jdbc.sql("""
                        insert into sms_receipts (smsc_message_id, state)
                        select * from unnest(?::text[], ?::text[])
                        on conflict (smsc_message_id) do nothing""")
                .params(ids, group.stream().map(Waiting::state).toArray(String[]::new))
                .update();
        waiting.set(true);
    }
}
