package org.teeka.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends the outbox. One virtual thread claims due rows in priority order (an OTP overtakes a
 * bulk reminder: at most {@code in-flight} messages are ahead of it) and gives each message its
 * own virtual thread, which blocks in the gateway until its window and rate allow it; while the
 * gateway takes only trial messages after an outage, it sends one at a time itself. Another
 * writes the outcomes back in groups a few milliseconds apart: SUBMITTED with the SMSC's id, a
 * failed attempt back to PENDING with a pause that doubles each time (DEAD after the last), a
 * message that never left back to PENDING without counting. A crash loses at most the outcomes
 * not yet written; those rows come back when their lease ends and are sent again with the same
 * outbox id.
 */
@Component
@ConditionalOnBooleanProperty(name = "teeka.sms.dispatch.enabled", matchIfMissing = true)
class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration FLUSH_EVERY = Duration.ofMillis(20);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(1);

    private sealed interface Outcome {
        OutboxQueue.Claimed row();
    }

    private record Sent(OutboxQueue.Claimed row, String smscMessageId) implements Outcome {
    }

    private record NotSent(OutboxQueue.Claimed row, SmsNotSentException failure) implements Outcome {
    }

    private final OutboxQueue queue;
    private final SmsGateway gateway;
    private final DeliveryReceipts receipts;
    private final DispatchSettings settings;
    private final DispatchSignal signal;
    private final Semaphore inFlight;
    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private final Counter submitted;
    private final Counter rejected;
    private final Counter unconfirmed;
    private final Counter dead;

    private volatile boolean running;
    private volatile Thread claimer;
    private volatile Thread writer;
    private Instant promotedAt = Instant.EPOCH;

    Dispatcher(OutboxQueue queue, SmsGateway gateway, DeliveryReceipts receipts, DispatchSettings settings,
               DispatchSignal signal, MeterRegistry meters) {
        this.queue = queue;
        this.gateway = gateway;
        this.receipts = receipts;
        this.settings = settings;
        this.signal = signal;
        this.inFlight = new Semaphore(settings.inFlight());
        this.submitted = meters.counter("teeka.sms.attempts", "outcome", "submitted");
        this.rejected = meters.counter("teeka.sms.attempts", "outcome", "rejected");
        this.unconfirmed = meters.counter("teeka.sms.attempts", "outcome", "unconfirmed");
        this.dead = meters.counter("teeka.sms.dead");
    }

    @Override
    public void start() {
        running = true;
        // assigned before it runs: the thread checks that it is still the current one
        claimer = Thread.ofVirtual().name("sms-claimer").unstarted(this::claimLoop);
        claimer.start();
        writer = Thread.ofVirtual().name("sms-outcome-writer").unstarted(this::writeLoop);
        writer.start();
    }

    /** Stops claiming, lets the messages in flight finish (up to the lease) and writes their outcomes. */
    @Override
    public void stop() {
        running = false;
        signal.wake();
        try {
            if (claimer != null) {
                claimer.join(Duration.ofSeconds(5));
            }
            if (inFlight.tryAcquire(settings.inFlight(), Math.min(settings.lease().toMillis(), 10_000), TimeUnit.MILLISECONDS)) {
                inFlight.release(settings.inFlight());
            }
            if (writer != null) {
                writer.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmppSmsGateway.PHASE + 100;
    }

    private void claimLoop() {
        while (running && claimer == Thread.currentThread()) {
            try {
                if (!gateway.ready()) {
                    signal.await(settings.idlePoll());
                    continue;
                }
                promoteScheduled();
                if (gateway.probing()) {
                    probe();
                    continue;
                }
                inFlight.acquire();
                int room = 1 + drain(inFlight, settings.batchSize() - 1);
                List<OutboxQueue.Claimed> rows;
                try {
                    rows = queue.claim(room, settings.lease());
                } catch (RuntimeException e) {
                    inFlight.release(room);
                    throw e;
                }
                inFlight.release(room - rows.size());
                if (rows.isEmpty()) {
                    signal.await(settings.idlePoll());
                    continue;
                }
                for (OutboxQueue.Claimed row : rows) {
                    Thread.ofVirtual().name("sms-send").start(() -> send(row));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Claiming outbox messages failed: {}", e.getMessage());
                sleep(settings.idlePoll());
            }
        }
    }

    /** Scheduled messages that fell due join the queue; checked about once a second, by the claiming thread only. */
    private void promoteScheduled() {
        Instant now = Instant.now();
        if (Duration.between(promotedAt, now).compareTo(Duration.ofSeconds(1)) >= 0) {
            promotedAt = now;
            queue.promoteDue();
        }
    }

    /**
     * The gateway takes a few trial messages only: the most urgent due row is sent by this thread,
     * and the next is claimed once its answer came (an OTP that was waiting goes first, not into
     * a race for the trial places that parks the losers for a second).
     */
    private void probe() throws InterruptedException {
        inFlight.acquire();
        Outcome outcome = null;
        try {
            List<OutboxQueue.Claimed> rows = queue.claim(1, settings.lease());
            if (!rows.isEmpty()) {
                outcome = attempt(rows.getFirst());
                outcomes.add(outcome);
            }
        } finally {
            inFlight.release();
        }
        if (outcome == null || outcome instanceof NotSent notSent && notSent.failure().outcome() == SmsNotSentException.Outcome.NOT_SENT) {
            // nothing due, or the trial places are taken: not a loop of claims meanwhile
            signal.await(settings.idlePoll());
        }
    }

    private void send(OutboxQueue.Claimed row) {
        try {
            outcomes.add(attempt(row));
        } finally {
            inFlight.release();
        }
    }

    private Outcome attempt(OutboxQueue.Claimed row) {
        try {
            return new Sent(row, gateway.send(row.sms()));
        } catch (SmsNotSentException e) {
            return new NotSent(row, e);
        } catch (RuntimeException e) {
            return new NotSent(row, new SmsNotSentException(SmsNotSentException.Outcome.REJECTED, e.toString(), e));
        }
    }

    private void writeLoop() {
        List<Outcome> pending = new ArrayList<>();
        Instant lastSweep = Instant.now();
        while (writer == Thread.currentThread() && (running || !outcomes.isEmpty() || !pending.isEmpty() || sending() > 0)) {
            try {
                Outcome first = outcomes.poll(FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    pending.add(first);
                    outcomes.drainTo(pending, 5000);
                }
                boolean submittedSome = false;
                if (!pending.isEmpty()) {
                    submittedSome = write(pending);
                    pending.clear();
                }
                // receipts are applied here only, after the outcomes they may need, so the two never deadlock
                if (submittedSome || receipts.waiting() || Instant.now().isAfter(lastSweep.plus(SWEEP_EVERY))) {
                    lastSweep = Instant.now();
                    receipts.applyWaiting();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the outcomes stay in pending and are written on the next round
                log.warn("Writing {} SMS outcomes failed: {}", pending.size(), e.getMessage());
                sleep(Duration.ofSeconds(1));
                if (!running && !pending.isEmpty()) {
                    log.warn("{} SMS outcomes not written at shutdown; those messages are sent again after their lease", pending.size());
                    return;
                }
            }
        }
    }

    /** Writes the outcomes; returns whether any message was submitted. */
    private boolean write(List<Outcome> pending) {
        List<OutboxQueue.Submitted> ok = new ArrayList<>();
        List<OutboxQueue.Failed> failed = new ArrayList<>();
        List<OutboxQueue.Unsent> unsent = new ArrayList<>();
        for (Outcome outcome : pending) {
            var row = outcome.row();
            switch (outcome) {
                case Sent sent -> ok.add(new OutboxQueue.Submitted(row.id(), row.attempt(), sent.smscMessageId()));
                case NotSent notSent when notSent.failure().outcome() == SmsNotSentException.Outcome.NOT_SENT ->
                        unsent.add(new OutboxQueue.Unsent(row.id(), row.attempt()));
                case NotSent notSent -> {
                    failed.add(new OutboxQueue.Failed(row.id(), row.attempt(), notSent.failure().getMessage()));
                    (notSent.failure().outcome() == SmsNotSentException.Outcome.REJECTED ? rejected : unconfirmed).increment();
                }
            }
        }
        queue.submitted(ok);
        submitted.increment(ok.size());
        queue.unsent(unsent);
        List<UUID> died = queue.failed(failed, settings.maxAttempts(), settings.retryBase(), settings.retryMax());
        if (!died.isEmpty()) {
            dead.increment(died.size());
            log.warn("{} SMS given up after {} attempts (DEAD), e.g. outbox id {}", died.size(), settings.maxAttempts(), died.getFirst());
        }
        return !ok.isEmpty();
    }

    /** Messages handed to a sending thread whose outcome has not been queued yet. */
    private int sending() {
        return settings.inFlight() - inFlight.availablePermits();
    }

    private static int drain(Semaphore semaphore, int atMost) {
        int taken = 0;
        while (taken < atMost && semaphore.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
