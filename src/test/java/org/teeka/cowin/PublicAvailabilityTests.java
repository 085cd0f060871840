package org.teeka.cowin;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The memory in front of public availability, on a clock the test moves. */
class PublicAvailabilityTests {

    private static final Duration TTL = Duration.ofSeconds(4);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final PublicAvailability cache = new PublicAvailability(TTL, nanos::get, Runnable::run);
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void servesARepeatedQuestionFromMemoryWithoutReadingAgain() {
        assertThat(ask("findByDistrict")).isEqualTo("read 1");
        advance(Duration.ofMillis(3_900));

        assertThat(ask("findByDistrict")).isEqualTo("read 1");
        assertThat(reads).hasValue(1);
    }

    @Test
    void readsAgainOnceTheTimeToLiveHasPassedSinceTheReadBegan() {
        ask("findByDistrict");
        advance(TTL);

        assertThat(ask("findByDistrict")).isEqualTo("read 2");
    }

    @Test
    void countsTheAgeOfAnAnswerFromWhenItsReadBeganNotWhenItWasStored() {
        // a read taking 3 s leaves 1 s of the 4 s, so nothing older than 4 s is served
        var slow = cache.answer(List.of("calendarByDistrict"), () -> {
            advance(Duration.ofSeconds(3));
            return "slow read";
        });
        assertThat(slow).isEqualTo("slow read");
        advance(Duration.ofMillis(1_001));

        assertThat(cache.<String>answer(List.of("calendarByDistrict"), () -> "fresh read")).isEqualTo("fresh read");
    }

    @Test
    void keepsEachQuestionApart() {
        assertThat(ask("findByPin 211001")).isEqualTo("read 1");
        assertThat(ask("findByPin 211002")).isEqualTo("read 2");
    }

    @Test
    void doesNotKeepAFailedRead() {
        assertThatThrownBy(() -> cache.answer(List.of("findByPin"), () -> {
            throw new IllegalStateException("database away");
        })).isInstanceOf(IllegalStateException.class).hasMessage("database away");

        assertThat(ask("findByPin")).isEqualTo("read 1");
    }

    private String ask(String question) {
        return cache.answer(List.of(question), () -> "read " + reads.incrementAndGet());
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
