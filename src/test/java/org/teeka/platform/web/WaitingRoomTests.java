package org.teeka.platform.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class WaitingRoomTests {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final WaitingRoom room = room(3);

    /** Tickets live 20 s, the page refreshes every 5 s, at least two called at once; recounted at every visit. */
    private WaitingRoom room(int maxLength) {
        return new WaitingRoom(Duration.ofSeconds(20), Duration.ZERO, Duration.ofSeconds(5), maxLength, 2, clock::get);
    }

    @Test
    void servesTicketsInOrderAndCallsNoMoreThanTheWindowAtOnce() {
        assertThat(room.allServed()).isTrue();
        long first = room.join().orElseThrow();
        long second = room.join().orElseThrow();
        assertThat(room.allServed()).isFalse();
        assertThat(room.served(first)).isFalse();

        room.moveOn();
        assertThat(room.served(first)).isTrue();
        assertThat(room.served(second)).isFalse();
        room.moveOn();
        room.moveOn();
        assertThat(room.served(second)).isTrue();
        assertThat(room.allServed()).isTrue();

        long third = room.join().orElseThrow();
        room.moveOn();
        assertThat(room.served(third)).as("two called and still waiting fill a window of two").isFalse();
        room.leave(first);
        room.moveOn();
        assertThat(room.served(third)).isTrue();
        room.moveOn();
        long fourth = room.join().orElseThrow();
        assertThat(room.served(fourth)).as("the turn never ran ahead of the tickets handed out").isFalse();
    }

    @Test
    void movesOnPastTicketsNoLongerHeld() {
        long first = room.join().orElseThrow();
        long second = room.join().orElseThrow();
        long third = room.join().orElseThrow();
        clock.addAndGet(Duration.ofSeconds(15).toNanos());
        room.refresh(first);
        room.refresh(third);
        clock.addAndGet(Duration.ofSeconds(15).toNanos());

        room.moveOn();
        room.moveOn();

        assertThat(room.served(first)).isTrue();
        assertThat(room.refresh(second)).as("lapsed").isFalse();
        assertThat(room.served(third)).as("the second place went to the third ticket, not to the lapsed one").isTrue();
    }

    @Test
    void theWindowIsAsManyAsWereLetInOverTheLastTwoSeconds() {
        WaitingRoom room = room(100);
        long[] tickets = joinTimes(room, 10);
        moveOnTimes(room, 10);
        assertThat(called(room, tickets)).as("nobody let in yet: the least window").isEqualTo(2);

        room.leave(tickets[0]);
        room.leave(tickets[1]);
        moveOnTimes(room, 10);
        assertThat(called(room, tickets)).isEqualTo(2);

        room.leave(tickets[2]);
        room.leave(tickets[3]);
        moveOnTimes(room, 10);
        assertThat(room.window()).isEqualTo(4);
        assertThat(called(room, tickets)).as("four let in lately: four called and waiting").isEqualTo(4);

        clock.addAndGet(Duration.ofSeconds(3).toNanos());
        for (long ticket : tickets) {
            room.refresh(ticket);
        }
        moveOnTimes(room, 10);
        assertThat(room.window()).as("nobody let in for three seconds").isEqualTo(2);
        assertThat(called(room, tickets)).as("a window of two, already full").isEqualTo(4);
    }

    @Test
    void aCalledPersonNotSeenForARefreshAndASecondHasGoneAndNoLongerHoldsTheWindow() {
        long first = room.join().orElseThrow();
        long second = room.join().orElseThrow();
        long third = room.join().orElseThrow();
        moveOnTimes(room, 3);
        assertThat(room.served(second)).isTrue();
        assertThat(room.served(third)).isFalse();

        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        room.refresh(first);
        room.refresh(third);
        moveOnTimes(room, 1);
        assertThat(room.served(third)).as("both called were seen within 6 s").isFalse();

        clock.addAndGet(Duration.ofMillis(1_500).toNanos());
        moveOnTimes(room, 1);
        assertThat(room.served(third)).as("the second was last seen 6.5 s ago").isTrue();
    }

    @Test
    void someoneIsNearWithFewerThanFourWindowsAheadAndFarWithThirtyOrMore() {
        WaitingRoom room = room(100);
        long[] tickets = joinTimes(room, 10);
        assertThat(room.near(room.ahead(tickets[7]))).isTrue();
        assertThat(room.near(room.ahead(tickets[8]))).as("eight ahead, a window of two").isFalse();
        assertThat(room.near(-1)).as("called").isTrue();
        moveOnTimes(room, 1);
        room.leave(tickets[0]);
        assertThat(room.near(room.ahead(tickets[8]))).isTrue();
        assertThat(room.far(59)).isFalse();
        assertThat(room.far(60)).isTrue();
    }

    private static long[] joinTimes(WaitingRoom room, int times) {
        long[] tickets = new long[times];
        for (int i = 0; i < times; i++) {
            tickets[i] = room.join().orElseThrow();
        }
        return tickets;
    }

    private static void moveOnTimes(WaitingRoom room, int times) {
        for (int i = 0; i < times; i++) {
            room.moveOn();
        }
    }

    /** How many of the tickets have been called and not let in. */
    private static long called(WaitingRoom room, long[] tickets) {
        return java.util.Arrays.stream(tickets).filter(room::served).filter(room::refresh).count();
    }

    @Test
    void handsOutPlacesInOrderOfArrival() {
        long first = room.join().orElseThrow();
        long second = room.join().orElseThrow();
        long third = room.join().orElseThrow();

        assertThat(room.ahead(first)).isZero();
        assertThat(room.ahead(second)).isEqualTo(1);
        assertThat(room.ahead(third)).isEqualTo(2);
        assertThat(room.length()).isEqualTo(3);
    }

    @Test
    void movesEveryoneUpWhenSomeoneAheadIsLetIn() {
        long first = room.join().orElseThrow();
        long second = room.join().orElseThrow();
        long third = room.join().orElseThrow();

        room.leave(second);

        assertThat(room.ahead(first)).isZero();
        assertThat(room.ahead(third)).isEqualTo(1);
        assertThat(room.length()).isEqualTo(2);
    }

    @Test
    void keepsAPlaceWhileItsHolderComesBackAndDropsItAfterTheTicketLifetime() {
        long first = room.join().orElseThrow();
        long second = room.join().orElseThrow();

        clock.addAndGet(Duration.ofSeconds(15).toNanos());
        assertThat(room.refresh(second)).isTrue();
        clock.addAndGet(Duration.ofSeconds(15).toNanos());

        // the first did not come back within 20 seconds: the second moves to the front
        assertThat(room.ahead(second)).isZero();
        assertThat(room.refresh(first)).isFalse();
        assertThat(room.length()).isEqualTo(1);
    }

    /** Joining takes no lock: newcomers joining at once each get a ticket of their own, and once joined, their places in order. */
    @Test
    void newcomersJoiningAtOnceEachGetTheirOwnPlaceInOrder() throws Exception {
        var big = room(100_000);
        int threads = 8;
        int each = 2_000;
        var start = new CountDownLatch(1);
        var tickets = new ConcurrentLinkedQueue<Long>();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        tickets.add(big.join().orElseThrow());
                    }
                    return null;
                });
            }
            start.countDown();
        }
        assertThat(tickets).hasSize(threads * each).doesNotHaveDuplicates();
        assertThat(big.length()).isEqualTo(threads * each);
        var inOrder = tickets.stream().sorted().toList();
        for (int place = 0; place < inOrder.size(); place += 997) {
            assertThat(big.ahead(inOrder.get(place))).isEqualTo(place);
        }
    }

    @Test
    void refusesANewcomerWhenTheQueueIsFull() {
        room.join().orElseThrow();
        room.join().orElseThrow();
        long third = room.join().orElseThrow();

        assertThat(room.join()).isEmpty();

        room.leave(third);
        assertThat(room.join()).isPresent();
    }
}
