package org.teeka.notification;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.teeka.IntegrationTest;
import org.teeka.smsc.SmscFailureModes;
import org.teeka.smsc.SmscSimulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway of its own (own system_id, small window, low rate) bound to the context's SMSC
 * simulator, sending from many threads at once: the SMSC never holds more than the window
 * unanswered, and messages go no faster than the rate.
 */
@IntegrationTest
class SmppSmsGatewayIntegrationTests {

    @Autowired
    SmscSimulator smsc;

    @Autowired
    DltTemplates dlt;

    @Autowired
    DeliveryReceipts receipts;

    @Autowired
    Environment environment;

    private SmppSmsGateway gateway;

    @AfterEach
    void stop() {
        smsc.failureModes(SmscFailureModes.NORMAL);
        if (gateway != null) {
            gateway.stop();
        }
    }

    @Test
    void keepsNoMoreThanItsWindowOfSubmitsUnanswered() throws Exception {
        gateway = start("teeka-window", 5, 10_000);
        smsc.failureModes(SmscFailureModes.NORMAL.withSlow(Duration.ofMillis(100)));
        smsc.resetUnansweredPeak("teeka-window");

        List<String> ids = sendAtOnce(40);

        assertThat(ids).hasSize(40).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(smsc.unansweredPeak("teeka-window")).isEqualTo(5);
    }

    @Test
    void sendsNoFasterThanItsRate() throws Exception {
        gateway = start("teeka-rate", 50, 20);
        long start = System.nanoTime();

        List<String> ids = sendAtOnce(30);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(ids).hasSize(30).doesNotContainNull();
        // one token to begin with, then 20 a second: the 30th may leave after 29/20 s at the earliest
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
    }

    @Test
    void saysAMessageWasNotSentWhenNoSessionIsBound() {
        smsc.failureModes(SmscFailureModes.NORMAL.withDown(true));
        gateway = new SmppSmsGateway(settings("teeka-unbound", 5, 100), dlt, receipts, environment);

        try {
            gateway.send(sms());
            throw new AssertionError("sent without a session");
        } catch (SmsNotSentException e) {
            assertThat(e.outcome()).isEqualTo(SmsNotSentException.Outcome.NOT_SENT);
        }
    }

    private List<String> sendAtOnce(int n) throws Exception {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                sent.add(threads.submit(() -> gateway.send(sms())));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> future : sent) {
                ids.add(future.get());
            }
            return ids;
        }
    }

    private SmppSmsGateway start(String systemId, int window, int perSecond) {
        smsc.allow(systemId, "secret");
        var started = new SmppSmsGateway(settings(systemId, window, perSecond), dlt, receipts, environment);
        started.start();
        await().atMost(Duration.ofSeconds(10)).until(started::ready);
        return started;
    }

    private SmppSettings settings(String systemId, int window, int perSecond) {
        return new SmppSettings("127.0.0.1", smsc.port(), systemId, "secret", "", "TEEKAS", window, perSecond,
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMillis(500), 0x1410);
    }

    private static OutgoingSms sms() {
        return new OutgoingSms(UUID.randomUUID(), "6300000001", "sms.otp", "en", "123456 is your Teeka sign-in code.", 0);
    }
}
