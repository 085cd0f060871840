package org.teeka;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** For the in-process benchmarks: one phase's SMS sent before the next phase is timed. */
public final class DueSms {

    private DueSms() {
    }

    /**
     * Waits until the dispatcher has sent every SMS due now (reminders are due later), at most three
     * minutes; with dispatch off ({@code -Dteeka.sms.dispatch.enabled=false}) it does not wait.
     */
    public static void awaitSent(JdbcClient jdbc, boolean dispatching) throws InterruptedException {
        if (!dispatching) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (jdbc.sql("select count(*) from outbox_messages where status = 'PENDING' and not_before <= now()").query(Long.class).single() > 0) {
            assertThat(System.nanoTime()).as("the due SMS sent within 3 minutes").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
