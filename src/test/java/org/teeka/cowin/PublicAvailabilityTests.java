package org.teeka.cowin;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

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

    @Test
    void keepsTheBodyOfAnAnswerOnlyUntilTheTimeToLiveHasPassedSinceItsReadBegan() {
        var served = cache.body(List.of("calendarByDistrict"), () -> "read " + reads.incrementAndGet()).orElseThrow();
        assertThat(new String(served.body().plain().bytes())).isEqualTo("read 1");
        assertThat(served.secondsLeft()).isEqualTo(4);
        advance(TTL.minusNanos(1));

        assertThat(cache.fresh(List.of("calendarByDistrict"))).hasValueSatisfying(fresh -> {
            assertThat(fresh.body()).isSameAs(served.body());
            assertThat(fresh.secondsLeft()).isZero();
        });
        advance(Duration.ofNanos(1));
        assertThat(cache.fresh(List.of("calendarByDistrict"))).isEmpty();
    }

    @Test
    void countsTheAgeOfABodyFromWhenItsReadBeganNotWhenItWasStored() {
        cache.body(List.of("calendarByPin"), () -> {
            advance(Duration.ofSeconds(3));
            return "slow read";
        });

        assertThat(cache.fresh(List.of("calendarByPin"))).hasValueSatisfying(fresh -> assertThat(fresh.secondsLeft()).isEqualTo(1));
        advance(Duration.ofSeconds(1));
        assertThat(cache.fresh(List.of("calendarByPin"))).isEmpty();
    }

    @Test
    void hasNoBodyForAQuestionNeverAskedOrAnsweredWithNothing() {
        assertThat(cache.fresh(List.of("never asked"))).isEmpty();
        assertThat(cache.body(List.of("calendarByCenter 404"), () -> null)).isEmpty();
        assertThat(cache.fresh(List.of("calendarByCenter 404"))).isEmpty();
    }

    @Test
    void givesEachBodyAStrongEtagOfItsBytesAndItsGzippedBytesAnother() throws IOException {
        var one = cache.body(List.of("a"), () -> "same").orElseThrow().body();
        var two = cache.body(List.of("b"), () -> "same").orElseThrow().body();
        var other = cache.body(List.of("c"), () -> "other").orElseThrow().body();

        assertThat(one.plain().etag()).matches("\"[A-Za-z0-9_-]{22}\"").isEqualTo(two.plain().etag()).isNotEqualTo(other.plain().etag());
        // the gzipped representation has a tag of its own, and inflates to the plain bytes
        assertThat(one.gzip().etag()).isEqualTo(one.plain().etag().replaceFirst("\"$", "-gzip\""));
        assertThat(one.gzip().contentEncoding()).isEqualTo("gzip");
        assertThat(one.plain().contentEncoding()).isNull();
        try (var in = new GZIPInputStream(new ByteArrayInputStream(one.gzip().bytes()))) {
            assertThat(in.readAllBytes()).isEqualTo(one.plain().bytes());
        }
    }

    @Test
    void readsAheadInTheLastPartOfABodysLifeSoThatNoCallerWaits() {
        var ahead = new PublicAvailability(TTL, nanos::get, Runnable::run,
                answer -> String.valueOf(answer).getBytes(java.nio.charset.StandardCharsets.UTF_8), Duration.ofSeconds(1));
        java.util.function.Supplier<Object> reader = () -> "read " + reads.incrementAndGet();
        ahead.body(List.of("calendarByDistrict"), reader);
        advance(Duration.ofMillis(2_900));
        assertThat(body(ahead.fresh(List.of("calendarByDistrict")))).isEqualTo("read 1");
        assertThat(reads).hasValue(1);

        advance(Duration.ofMillis(200));
        // at 3.1 s the caller still gets the first read, and the second is read meanwhile (here at once)
        assertThat(body(ahead.fresh(List.of("calendarByDistrict")))).isEqualTo("read 1");
        assertThat(reads).hasValue(2);
        advance(Duration.ofMillis(1_000));
        assertThat(body(ahead.fresh(List.of("calendarByDistrict")))).isEqualTo("read 2");
        // the second read counts its age from 3.1 s: unasked meanwhile, it is gone at 7.1 s
        advance(Duration.ofMillis(3_000));
        assertThat(ahead.fresh(List.of("calendarByDistrict"))).isEmpty();
        assertThat(reads).hasValue(2);
    }

    @Test
    void readsAheadOnceHoweverManyCallersAskMeanwhile() throws Exception {
        var readers = java.util.concurrent.Executors.newFixedThreadPool(2);
        var release = new java.util.concurrent.CountDownLatch(1);
        try {
            var ahead = new PublicAvailability(TTL, nanos::get, readers,
                    answer -> String.valueOf(answer).getBytes(java.nio.charset.StandardCharsets.UTF_8), Duration.ofSeconds(1));
            ahead.body(List.of("calendarByDistrict"), () -> {
                int read = reads.incrementAndGet();
                if (read > 1) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return "read " + read;
            });
            advance(Duration.ofMillis(3_500));
            var callers = java.util.concurrent.Executors.newFixedThreadPool(8);
            var start = new java.util.concurrent.CountDownLatch(1);
            var asked = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 8; i++) {
                asked.add(callers.submit(() -> {
                    start.await();
                    for (int j = 0; j < 1_000; j++) {
                        assertThat(ahead.fresh(List.of("calendarByDistrict"))).isPresent();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var caller : asked) {
                caller.get();
            }
            callers.shutdown();

            assertThat(reads).hasValue(2);
        } finally {
            release.countDown();
            readers.shutdown();
        }
    }

    private static String body(java.util.Optional<PublicAvailability.Served> served) {
        return new String(served.orElseThrow().body().plain().bytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private String ask(String question) {
        return cache.answer(List.of(question), () -> "read " + reads.incrementAndGet());
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
