package org.teeka.notification;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.teeka.IntegrationTest;
import org.teeka.smsc.SmscSimulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many SMS a second the dispatcher sends over SMPP to the local SMSC, on this machine. Not
 * part of the default test run: {@code mvn -B -Pbench test} (N with {@code -Dbench.messages=}).
 * It writes N bulk messages to the outbox in one statement, then measures until the SMSC has them
 * all, until every row is SUBMITTED, and until every receipt made it DELIVERED. Everything
 * (Teeka, PostgreSQL, the simulator writing its file) shares the machine's cores. The result is
 * printed and written to {@code target/benchmarks/sms-dispatch.txt}.
 */
@Tag("benchmark")
@IntegrationTest
@TestPropertySource(properties = {
        // the default window (50), in-flight (400) and batch (200); only the rate cap is lifted, to measure
        "teeka.sms.smpp.max-per-second=100000",
        "teeka.sms.smpp.window=50",
        "teeka.sms.dispatch.in-flight=400",
        "teeka.sms.dispatch.batch-size=200",
        "teeka.sms.dispatch.lease=120s",
        "logging.level.org.jsmpp=warn"})
class SmsDispatchBenchmark {

    private static final int MESSAGES = Integer.getInteger("bench.messages", 50_000);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SmscSimulator smsc;

    @Test
    void sendsTheOutboxOverSmpp() throws IOException {
        warmUp();
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        int receivedBefore = smsc.messageCount();

        long start = System.nanoTime();
        enqueue(MESSAGES, "bench");
        long enqueued = System.nanoTime();
        long atSmsc = waitFor(() -> smsc.messageCount() - receivedBefore >= MESSAGES);
        long submitted = waitFor(() -> count("status in ('SUBMITTED', 'DELIVERED') and dedupe_key like 'bench-%'") >= MESSAGES);
        long delivered = waitFor(() -> count("status = 'DELIVERED' and dedupe_key like 'bench-%'") >= MESSAGES);
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();

        String report = """
                SMS dispatch benchmark: %d messages, window %d, %d cores (%s, Java %s)
                  written to the outbox in one statement: %d ms
                  all at the SMSC after      %6d ms  -> %,8.0f SMS/s
                  all rows SUBMITTED after   %6d ms  -> %,8.0f SMS/s
                  all rows DELIVERED after   %6d ms  -> %,8.0f SMS/s (receipts back over SMPP)
                  load average before: %s; after: %s
                """.formatted(MESSAGES, 50, Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("java.version"), millis(enqueued - start),
                millis(atSmsc - start), rate(atSmsc - start), millis(submitted - start), rate(submitted - start),
                millis(delivered - start), rate(delivered - start), load, loadAfter);
        System.out.println(report);
        Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(Path.of("target", "benchmarks", "sms-dispatch.txt"), report);
        assertThat(count("status = 'DELIVERED' and dedupe_key like 'bench-%'")).isEqualTo(MESSAGES);
    }

    /** A few thousand messages first, so the JIT has compiled the paths before the clock runs. */
    private void warmUp() {
        int before = smsc.messageCount();
        enqueue(5_000, "warm");
        waitFor(() -> smsc.messageCount() - before >= 5_000 && count("status = 'PENDING'") == 0);
    }

    private void enqueue(int n, String prefix) {
        String[] ids = new String[n];
        String[] mobiles = new String[n];
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = UUID.randomUUID().toString();
            mobiles[i] = Long.toString(9_000_000_000L + i);
            texts[i] = "Teeka: a place came free. Person " + i + ", dose 1 is booked at CHC Phulpur on 25 Nov 2026, 10:30. Security code: 4829.";
        }
        jdbc.sql("""
                        insert into outbox_messages (id, dedupe_key, mobile, template, language, text, priority)
                        select id::uuid, ? || '-' || id, mobile, 'sms.waitlist-booked', 'en', text, 9
                        from unnest(?::text[], ?::text[], ?::text[]) as m(id, mobile, text)""")
                .params(prefix, ids, mobiles, texts)
                .update();
    }

    private int count(String condition) {
        return jdbc.sql("select count(*) from outbox_messages where " + condition).query(Integer.class).single();
    }

    private static long waitFor(java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not done within 10 minutes");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        return System.nanoTime();
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static double rate(long nanos) {
        return MESSAGES / (nanos / 1e9);
    }
}
