package org.teeka.platform.web;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A first-come, first-served queue of tickets, each a sequence number handed out in order of
 * arrival. A ticket keeps its place while its holder comes back within the ticket lifetime, and
 * loses it otherwise. Positions are counted from a sorted snapshot of the live tickets, recounted
 * at most every {@code recountEvery} (that recount also drops lapsed tickets), so that a visit
 * costs a binary search however long the queue is.
 *
 * <p>Whose turn it is: a ticket is {@linkplain #served served} (called) once the turn has reached
 * its sequence number. The turn moves on to the next ticket still held each time someone whose
 * turn it is not yet comes while a place is free ({@link #moveOn}); it never moves while every
 * place is taken. So a place a person ahead does not come back for (they refresh only every few
 * seconds, or have gone) is handed on at the next visit instead of waiting for them: a queue in
 * which only the few at the very front could be let in drained at a few dozen people per refresh
 * interval, however fast the pages were served.
 *
 * <p>The turn never runs further ahead of those let in than the {@linkplain #window window}: at
 * most as many called people still waiting as the queue let in over the last two seconds (and
 * never fewer than {@code minWindow}). Among the called, the first to come back gets the first
 * place free, so without that bound a turn moved on by thousands of visits made nearly everyone
 * called and the queue no queue at all (the benchmark saw most people let in ahead of someone who
 * came a refresh earlier). A called person who has not been seen for {@code refresh} and a second
 * more has gone and does not hold the window. Thread-safe.
 */
final class WaitingRoom {

    private static final long SECOND = 1_000_000_000L;

    private final long ttlNanos;
    private final long recountNanos;
    /** a called person not seen for this long has gone: the page refreshes every {@code refresh} at the slowest */
    private final long goneNanos;
    private final int maxLength;
    private final int minWindow;
    private final LongSupplier nanoClock;

    /** sequence number → when its holder was last seen (nanoClock) */
    private final ConcurrentSkipListMap<Long, Long> waiting = new ConcurrentSkipListMap<>();
    private final AtomicLong nextSequence = new AtomicLong(1);
    /** Tickets up to this sequence number are served (may be let in when a place is free). */
    private final AtomicLong turn = new AtomicLong(0);
    /** How many times the turn has moved on, and how many tickets have left the queue let in. */
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong letIn = new AtomicLong();
    private final AtomicInteger length = new AtomicInteger();
    private final ReentrantLock recounting = new ReentrantLock();
    /** (when, letIn) at the recounts of the last two seconds, oldest first; under {@code recounting} */
    private final ArrayDeque<long[]> letInHistory = new ArrayDeque<>();

    private volatile Snapshot snapshot = new Snapshot(new long[0], 1, Long.MIN_VALUE, 0, 0, 0);
    private volatile boolean changed;

    /**
     * The live tickets at one moment, sorted, and the next sequence number at that moment; of them, how
     * many were called and not gone ({@code called}) when {@code calls} was so; the people let in over
     * the last two seconds.
     */
    private record Snapshot(long[] sequences, long next, long takenAt, int called, long calls, long letInLately) {
    }

    WaitingRoom(Duration ticketTtl, Duration recountEvery, Duration refresh, int maxLength, int minWindow, LongSupplier nanoClock) {
        this.ttlNanos = ticketTtl.toNanos();
        this.recountNanos = recountEvery.toNanos();
        this.goneNanos = refresh.toNanos() + SECOND;
        this.maxLength = maxLength;
        this.minWindow = Math.max(1, minWindow);
        this.nanoClock = nanoClock;
    }

    /** People waiting now (lapsed tickets count until the next recount). */
    int length() {
        return length.get();
    }

    /** Whether the ticket still holds a place; if so its holder is seen now. */
    boolean refresh(long sequence) {
        return waiting.computeIfPresent(sequence, (s, seen) -> nanoClock.getAsLong()) != null;
    }

    /** A new ticket at the end of the queue, or none when the queue is full. */
    OptionalLong join() {
        if (length.incrementAndGet() > maxLength) {
            length.decrementAndGet();
            recountIfDue();
            return OptionalLong.empty();
        }
        // no lock: a recount meanwhile may miss a ticket being put (counted from the next recount on, at most
        // recountEvery later), while under overload the threads of the newcomers waited about a second each for a lock
        // around these two lines (JFR: a convoy, 2,270 waits and 2,169 s in all in one minute)
        long sequence = nextSequence.getAndIncrement();
        waiting.put(sequence, nanoClock.getAsLong());
        return OptionalLong.of(sequence);
    }

    /** The ticket leaves the queue (its holder was let in). */
    void leave(long sequence) {
        if (waiting.remove(sequence) != null) {
            length.decrementAndGet();
            letIn.incrementAndGet();
            changed = true;
        }
    }

    /**
     * How many live tickets are ahead of this one. Between recounts a ticket let in or lapsed may still be counted,
     * and one handed out at the moment of the last recount may not be yet; never one that came later.
     */
    int ahead(long sequence) {
        recountIfDue();
        Snapshot s = snapshot;
        if (sequence >= s.next()) {
            // came after the snapshot: all of it is ahead, and every ticket handed out since then before this one
            return s.sequences().length + (int) Math.min(Integer.MAX_VALUE, sequence - s.next());
        }
        int index = Arrays.binarySearch(s.sequences(), sequence);
        return index >= 0 ? index : -index - 1;
    }

    /** Whether the turn has reached this ticket. */
    boolean served(long sequence) {
        return sequence <= turn.get();
    }

    /** Whether every ticket handed out has been served: a newcomer then waits for nobody. */
    boolean allServed() {
        return turn.get() >= nextSequence.get() - 1;
    }

    /**
     * A place is free for someone whose turn it is not yet: unless the window is full, the turn moves on to the next
     * ticket still held, or to the last handed out when none is.
     */
    void moveOn() {
        recountIfDue();
        if (called() >= window()) {
            return;
        }
        long current;
        long next;
        do {
            current = turn.get();
            long last = nextSequence.get() - 1;
            if (current >= last) {
                return;
            }
            Long held = waiting.higherKey(current);
            next = held == null ? last : Math.min(held, last);
        } while (!turn.compareAndSet(current, next));
        calls.incrementAndGet();
    }

    /** Called people still waiting (those let in or gone since the last recount may still be counted). */
    int called() {
        Snapshot s = snapshot;
        return (int) Math.min(Integer.MAX_VALUE, s.called() + calls.get() - s.calls());
    }

    /** How many called people may be waiting at once: as many as were let in over the last two seconds, at least {@code minWindow}. */
    int window() {
        return (int) Math.max(minWindow, Math.min(Integer.MAX_VALUE, snapshot.letInLately()));
    }

    /**
     * Whether someone with this many people ahead (-1: called) has been called or will be soon: fewer than four windows
     * ahead, eight seconds of people let in at the current rate, so that someone refreshing every five seconds is told
     * to come back every second before they are called (called while still on five seconds, they held the window for
     * seconds without coming, and the queue drained at a window per three seconds instead of one per two).
     */
    boolean near(int ahead) {
        return ahead < 4L * window();
    }

    /**
     * Whether someone with this many people ahead is far back: at the rate people were let in over the last two
     * seconds (a window every two seconds), they will wait more than a minute.
     */
    boolean far(int ahead) {
        return ahead >= 30L * window();
    }

    /** People let in since the first recount of the last two seconds. */
    private long letInLately(long now) {
        long total = letIn.get();
        letInHistory.addLast(new long[] {now, total});
        while (letInHistory.peekFirst()[0] < now - 2 * SECOND) {
            letInHistory.removeFirst();
        }
        return total - letInHistory.peekFirst()[1];
    }

    private void recountIfDue() {
        long now = nanoClock.getAsLong();
        Snapshot s = snapshot;
        boolean grown = s.next() != nextSequence.get();
        if (!(changed || grown || s.sequences().length > 0 || length.get() > 0) || (s.takenAt() != Long.MIN_VALUE && now - s.takenAt() < recountNanos) || !recounting.tryLock()) {
            return;
        }
        try {
            changed = false;
            long callsThen = calls.get();
            long turnThen = turn.get();
            long next = nextSequence.get();
            int called = 0;
            long[] live = new long[Math.max(0, length.get()) + 16];
            int count = 0;
            for (var entry : waiting.entrySet()) {
                if (entry.getKey() >= next) {
                    break;
                }
                if (now - entry.getValue() > ttlNanos) {
                    if (waiting.remove(entry.getKey(), entry.getValue())) {
                        length.decrementAndGet();
                    }
                    continue;
                }
                if (entry.getKey() <= turnThen && now - entry.getValue() <= goneNanos) {
                    called++;
                }
                if (count == live.length) {
                    live = Arrays.copyOf(live, live.length * 2);
                }
                live[count++] = entry.getKey();
            }
            snapshot = new Snapshot(Arrays.copyOf(live, count), next, now, called, callsThen, letInLately(now));
        } finally {
            recounting.unlock();
        }
    }
}
