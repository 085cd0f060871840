package org.teeka.platform.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class WaitingRoomTests {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final WaitingRoom room = new WaitingRoom(Duration.ofSeconds(20), Duration.ZERO, 3, clock::get);

    @Test
    void servesTicketsInOrderMovingTheTurnOnOneTicketAtATimeAndNeverPastTheLast() {
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
        assertThat(room.served(third)).as("the turn never ran ahead of the tickets handed out").isFalse();
        room.moveOn();
        assertThat(room.served(third)).isTrue();
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
