package org.teeka.booking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.stereotype.Component;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit for bookings of a chosen session. A request's thread checks what it can without
 * locks, then {@link #submit submits} a claim and waits; a writer takes every claim waiting (up to
 * {@code teeka.booking.batch.max-size}; no artificial delay: claims arriving while a batch commits
 * form the next one) and books them in one transaction ({@link Bookings#commitBatch}), so a hot
 * session takes many places per commit instead of one. Several writers may run, each for its own
 * share of the sessions (a lane, by the session's id): all claims for a session go to one writer, so
 * two writers' batches never wait for each other's session locks (with one queue for all, batches
 * of many sessions nearly always shared one: in the launch-day benchmark's spread load 39% of the
 * writers' waits on the database were in {@code Sessions.lock}). A hot session's claims all go to
 * one writer, which books as many per commit as are waiting. If a batch's transaction fails, its
 * claims are booked again one per transaction, so one claim's failure never fails another. A claim not taken by a writer before
 * its deadline is answered "busy, try again" and never booked: the client has given up by then.
 */
@Component
class BookingQueue implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BookingQueue.class);
    /** Attempts of one claim on its own after its batch failed, when the failure was transient (a deadlock). */
    private static final int ALONE_ATTEMPTS = 3;

    /** The claims waiting, one queue per writer: a claim goes to its session's. */
    private final List<LinkedBlockingQueue<BookingClaim>> lanes = new ArrayList<>();
    private final BookingBatchSettings settings;
    private final TransactionTemplate transaction;
    private final ObjectProvider<Bookings> bookings;
    private final DataSource dataSource;
    private final DistributionSummary batchSize;
    private final Timer batchTime;
    private final Counter expired;
    private final Counter redone;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    BookingQueue(BookingBatchSettings settings, TransactionTemplate transaction, ObjectProvider<Bookings> bookings,
                 DataSource dataSource, MeterRegistry registry) {
        this.settings = settings;
        this.transaction = transaction;
        this.bookings = bookings;
        this.dataSource = dataSource;
        this.batchSize = DistributionSummary.builder("teeka.booking.batch.size")
                .description("claims booked in one transaction").publishPercentileHistogram().register(registry);
        this.batchTime = Timer.builder("teeka.booking.batch.time")
                .description("one batch's transaction, commit included").publishPercentileHistogram().register(registry);
        this.expired = Counter.builder("teeka.booking.claims.expired")
                .description("claims answered busy, never booked: not taken by a writer before their deadline").register(registry);
        this.redone = Counter.builder("teeka.booking.batch.redone")
                .description("batches whose transaction failed, booked again one claim per transaction").register(registry);
        for (int i = 0; i < settings.writers(); i++) {
            lanes.add(new LinkedBlockingQueue<>());
        }
        registry.gauge("teeka.booking.claims.waiting", lanes, all -> all.stream().mapToInt(LinkedBlockingQueue::size).sum());
    }

    /** The queue of the writer that books this session's claims. */
    LinkedBlockingQueue<BookingClaim> laneOf(UUID sessionId) {
        return lanes.get(Math.floorMod(sessionId.hashCode(), lanes.size()));
    }

    /** The deadline of a claim submitted now, for {@link BookingClaim#deadlineNanos}. */
    long deadlineFromNow() {
        return System.nanoTime() + settings.claimTimeout().toNanos();
    }

    /**
     * Queues the claim and waits for its outcome: at most until its deadline, and then, if a writer
     * took it meanwhile, for that writer's transaction. Refused with "busy" when no writer took it
     * in time (it is then never booked) or the node is stopping.
     */
    BookingClaim.Outcome submit(BookingClaim claim) {
        var waiting = laneOf(claim.sessionId());
        if (!running || !waiting.offer(claim)) {
            throw BookingRefusedException.busy(settings.retryAfter());
        }
        if (!running && waiting.remove(claim)) {
            throw BookingRefusedException.busy(settings.retryAfter());
        }
        try {
            try {
                return claim.fate().answer.get(Math.max(0, claim.deadlineNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException late) {
                if (claim.fate().abandon()) {
                    waiting.remove(claim);
                    expired.increment();
                    throw BookingRefusedException.busy(settings.retryAfter());
                }
                // a writer took it just now: its transaction decides, and always answers
                return claim.fate().answer.get();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            if (claim.fate().abandon()) {
                throw BookingRefusedException.busy(settings.retryAfter());
            }
            return claim.fate().answer.join();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(failed.getCause());
        }
    }

    /**
     * Books a batch of claims and answers each; the writers' loop, and tests that need one batch
     * exactly. Returns false when the batch's transaction failed (its claims were then booked alone).
     */
    boolean book(List<BookingClaim> batch) {
        long now = System.nanoTime();
        var live = new ArrayList<BookingClaim>(batch.size());
        for (BookingClaim claim : batch) {
            if (claim.expired(now)) {
                if (claim.fate().take()) {
                    expired.increment();
                    claim.fate().answer.completeExceptionally(BookingRefusedException.busy(settings.retryAfter()));
                }
            } else if (claim.fate().take()) {
                live.add(claim);
            }
        }
        if (live.isEmpty()) {
            return true;
        }
        batchSize.record(live.size());
        List<BookingClaim.Outcome> outcomes;
        try {
            outcomes = batchTime.recordCallable(() -> transaction.execute(status -> bookings.getObject().commitBatch(live)));
        } catch (CannotCreateTransactionException | CannotGetJdbcConnectionException noConnection) {
            // nothing was written, and one claim at a time would wait as long again for each: come back shortly
            log.warn("A batch of {} bookings found no database connection in time: answered busy", live.size());
            live.forEach(claim -> claim.fate().answer.completeExceptionally(BookingRefusedException.busy(settings.retryAfter())));
            return false;
        } catch (Exception failed) {
            redone.increment();
            log.warn("A batch of {} bookings failed ({}); booking them one by one", live.size(), failed.toString());
            live.forEach(this::bookAlone);
            return false;
        }
        for (int i = 0; i < live.size(); i++) {
            answer(live.get(i), outcomes.get(i));
        }
        return true;
    }

    private void bookAlone(BookingClaim claim) {
        for (int attempt = 1; ; attempt++) {
            try {
                answer(claim, transaction.execute(status -> bookings.getObject().commitBatch(List.of(claim))).getFirst());
                return;
            } catch (TransientDataAccessException transientFailure) {
                if (attempt >= ALONE_ATTEMPTS) {
                    claim.fate().answer.completeExceptionally(transientFailure);
                    return;
                }
            } catch (RuntimeException | Error failed) {
                claim.fate().answer.completeExceptionally(failed);
                return;
            }
        }
    }

    private static void answer(BookingClaim claim, BookingClaim.Outcome outcome) {
        if (outcome.refusal() != null) {
            claim.fate().answer.completeExceptionally(outcome.refusal());
        } else {
            claim.fate().answer.complete(outcome);
        }
    }

    /**
     * A writer's loop. Each writer keeps one pooled connection for its batches: taking a connection
     * per batch, it would queue in the pool behind the very requests waiting for it (seen in the
     * launch-day benchmark: batches of ten waiting seconds for a connection). The connection is bound
     * to the writer's thread, so the transaction manager and every {@code JdbcClient} use it; it is
     * given back when no claim came for 100 ms, and after a batch failed and it no longer answers.
     */
    private void drain(LinkedBlockingQueue<BookingClaim> waiting) {
        var batch = new ArrayList<BookingClaim>(settings.maxSize());
        Connection pinned = null;
        try {
            while (running || !waiting.isEmpty()) {
                try {
                    BookingClaim first = waiting.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        // idle: the connection goes back to the pool until bookings come again
                        unpin(pinned);
                        pinned = null;
                        continue;
                    }
                    batch.add(first);
                    waiting.drainTo(batch, settings.maxSize() - 1);
                    if (pinned == null) {
                        pinned = pin();
                    }
                    boolean fine;
                    if (pinned == null) {
                        fine = book(batch);
                    } else {
                        TransactionSynchronizationManager.bindResource(dataSource, new ConnectionHolder(pinned));
                        try {
                            fine = book(batch);
                        } finally {
                            TransactionSynchronizationManager.unbindResource(dataSource);
                        }
                    }
                    if (!fine && pinned != null && !pinned.isValid(1)) {
                        unpin(pinned);
                        pinned = null;
                    }
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException | Error | SQLException unexpected) {
                    log.error("A booking writer failed; its claims are answered with the failure", unexpected);
                    batch.forEach(claim -> claim.fate().answer.completeExceptionally(unexpected));
                } finally {
                    batch.clear();
                }
            }
        } finally {
            unpin(pinned);
        }
    }

    /** A connection of the pool for this writer alone; null when none came in time (its batches then take one each). */
    private Connection pin() {
        try {
            return dataSource.getConnection();
        } catch (SQLException none) {
            log.warn("A booking writer found no connection to keep: {}", none.toString());
            return null;
        }
    }

    private static void unpin(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // given back broken: the pool drops it
            }
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < settings.writers(); i++) {
            var lane = lanes.get(i);
            writers.add(Thread.ofPlatform().name("booking-writer-" + i).daemon().start(() -> drain(lane)));
        }
        log.info("Booking group commit: {} writers, up to {} bookings per transaction", settings.writers(), settings.maxSize());
    }

    /** Stops taking claims; the writers book those already waiting, then end. */
    @Override
    public void stop() {
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join(settings.claimTimeout().toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        writers.clear();
        for (var waiting : lanes) {
            BookingClaim left;
            while ((left = waiting.poll()) != null) {
                if (left.fate().take()) {
                    left.fate().answer.completeExceptionally(BookingRefusedException.busy(settings.retryAfter()));
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the web server, so no request waits on a queue nobody drains. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }
}
