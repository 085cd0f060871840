package org.teeka.platform.web;

import java.time.Duration;
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
 * <p>Whose turn it is: a ticket is {@linkplain #served served} once the turn has reached its
 * sequence number, and the turn moves one ticket on each time someone whose turn it is not yet
 * comes while a place is free ({@link #moveOn}); it never moves while every place is taken. So
 * tickets are served in order, and a place a person ahead does not come back for (they refresh
 * only every few seconds, or have gone) is handed on at the next visit instead of waiting for
 * them: a queue in which only the few at the very front could be let in drained at a few dozen
 * people per refresh interval, however fast the pages were served. Thread-safe.
 */
final class WaitingRoom {

    private final long ttlNanos;
    private final long recountNanos;
    private final int maxLength;
    private final LongSupplier nanoClock;

    /** sequence number → when its holder was last seen (nanoClock) */
    private final ConcurrentSkipListMap<Long, Long> waiting = new ConcurrentSkipListMap<>();
    private final AtomicLong nextSequence = new AtomicLong(1);
    /** Tickets up to this sequence number are served (may be let in when a place is free). */
    private final AtomicLong turn = new AtomicLong(0);
    private final AtomicInteger length = new AtomicInteger();
    private final ReentrantLock recounting = new ReentrantLock();

    private volatile Snapshot snapshot = new Snapshot(new long[0], 1, Long.MIN_VALUE);
    private volatile boolean changed;

    /** The live tickets at one moment, sorted, and the next sequence number at that moment. */
    private record Snapshot(long[] sequences, long next, long takenAt) {
    }

    WaitingRoom(Duration ticketTtl, Duration recountEvery, int maxLength, LongSupplier nanoClock) {
        this.ttlNanos = ticketTtl.toNanos();
        this.recountNanos = recountEvery.toNanos();
        this.maxLength = maxLength;
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
        // sequence numbers increase in the order of insertion into the map, which ahead() relies on
        synchronized (nextSequence) {
            long sequence = nextSequence.getAndIncrement();
            waiting.put(sequence, nanoClock.getAsLong());
            return OptionalLong.of(sequence);
        }
    }

    /** The ticket leaves the queue (its holder was let in). */
    void leave(long sequence) {
        if (waiting.remove(sequence) != null) {
            length.decrementAndGet();
            changed = true;
        }
    }

    /**
     * How many live tickets are ahead of this one. Exact right after a recount; between recounts a
     * ticket let in or lapsed may still be counted, never one that came later.
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

    /** A place is free for someone whose turn it is not yet: the turn moves one ticket on, never past the last handed out. */
    void moveOn() {
        long last = nextSequence.get() - 1;
        turn.accumulateAndGet(last, (current, limit) -> current < limit ? current + 1 : current);
    }

    private void recountIfDue() {
        long now = nanoClock.getAsLong();
        Snapshot s = snapshot;
        boolean grown = s.next() != nextSequence.get();
        if (!(changed || grown || s.sequences().length > 0) || (s.takenAt() != Long.MIN_VALUE && now - s.takenAt() < recountNanos) || !recounting.tryLock()) {
            return;
        }
        try {
            changed = false;
            long next;
            synchronized (nextSequence) {
                next = nextSequence.get();
            }
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
                if (count == live.length) {
                    live = Arrays.copyOf(live, live.length * 2);
                }
                live[count++] = entry.getKey();
            }
            snapshot = new Snapshot(Arrays.copyOf(live, count), next, now);
        } finally {
            recounting.unlock();
        }
    }
}
