package org.teeka.notification;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.teeka.IntegrationTest;
import org.teeka.smsc.ReceivedMessage;
import org.teeka.smsc.SmscFailureModes;
import org.teeka.smsc.SmscSimulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Failover between the SMPP gateway (primary) and the HTTP gateway (secondary), both real, on
 * loopback against the local SMSC simulator, with the real database: the SMPP side goes down and
 * comes back, then both go down, and every outbox message is counted by its id at the SMSC.
 */
@IntegrationTest
@TestPropertySource(properties = {"teeka.sms.http.enabled=true", "teeka.sms.http.callback.secret=test-dlr-secret"})
class SmsFailoverIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    SmscSimulator smsc;

    @Autowired
    FailoverSmsGateway failover;

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    MockMvc mvc;

    @BeforeEach
    void smscBehavesAndSmppIsActive() throws InterruptedException {
        smsc.failureModes(SmscFailureModes.NORMAL);
        // a breaker left half-open by an earlier test closes only after probes went through
        trafficGoesBackToSmpp(SmsDispatchIntegrationTests.newMobile(), new ArrayList<>());
    }

    @AfterEach
    void smscBehavesAgain() {
        smsc.failureModes(SmscFailureModes.NORMAL);
    }

    @Test
    void whileSmppIsDownOtpsGoOutOverHttpAndTrafficReturnsToSmppWhenItIsBack() throws Exception {
        double switchesBefore = metric("teeka_sms_gateway_switches_total", "");
        double httpSentBefore = metric("teeka_sms_gateway_sent_total", "gateway=\"http\"");
        List<UUID> ids = new ArrayList<>();
        String mobile = SmsDispatchIntegrationTests.newMobile();
        ids.add(enqueueOtp(mobile, "100001"));
        await().atMost(PATIENCE).until(() -> received(ids.getFirst()).size() == 1);
        assertThat(received(ids.getFirst()).getFirst().gateway()).isEqualTo("smpp");

        smsc.smppFailureModes(SmscFailureModes.NORMAL.withDown(true));
        await().atMost(Duration.ofSeconds(5)).until(() -> "http".equals(failover.active()));
        String prometheus = prometheus();
        assertThat(prometheus).contains("teeka_sms_gateway_active{gateway=\"http\"} 1.0")
                .contains("teeka_sms_gateway_active{gateway=\"smpp\"} 0.0");
        assertThat(breakerState(prometheus, "smpp")).isIn("open", "half_open");
        assertThat(breakerState(prometheus, "http")).isEqualTo("closed");
        assertThat(metric("teeka_sms_gateway_switches_total", "")).isGreaterThan(switchesBefore);

        for (int i = 0; i < 5; i++) {
            Instant enqueued = Instant.now();
            UUID id = enqueueOtp(mobile, "20000" + i);
            ids.add(id);
            await().atMost(Duration.ofSeconds(5)).until(() -> !received(id).isEmpty());
            ReceivedMessage message = received(id).getFirst();
            assertThat(message.gateway()).isEqualTo("http");
            assertThat(Duration.between(enqueued, message.receivedAt())).isLessThan(Duration.ofSeconds(3));
            await().atMost(PATIENCE).until(() -> "DELIVERED".equals(row(id).get("status")));
        }
        assertThat(metric("teeka_sms_gateway_sent_total", "gateway=\"http\"")).isGreaterThanOrEqualTo(httpSentBefore + 5);

        // back: after open-for the breaker lets probes through, they succeed, and traffic goes back to SMPP
        smsc.smppFailureModes(SmscFailureModes.NORMAL);
        trafficGoesBackToSmpp(mobile, ids);
        for (int i = 0; i < 3; i++) {
            UUID id = enqueueOtp(mobile, "40000" + i);
            ids.add(id);
            await().atMost(PATIENCE).until(() -> !received(id).isEmpty());
            assertThat(received(id).getFirst().gateway()).isEqualTo("smpp");
        }
        prometheus = prometheus();
        assertThat(prometheus).contains("teeka_sms_gateway_active{gateway=\"smpp\"} 1.0");
        assertThat(breakerState(prometheus, "smpp")).isEqualTo("closed");

        everyMessageArrivedOnceAndWasDelivered(ids);
    }

    @Test
    void anAttemptWithoutAnAnswerNeverGoesOutThroughTheOtherGatewayToo() {
        // the SMSC takes the message over SMPP but answers after the gateway stopped waiting (3 s)
        smsc.smppFailureModes(SmscFailureModes.NORMAL.withSlow(Duration.ofMillis(3500)));
        String mobile = SmsDispatchIntegrationTests.newMobile();
        UUID id = UUID.randomUUID();

        try {
            failover.send(new OutgoingSms(id, mobile, "sms.otp", "en", "777777 is your Teeka sign-in code.", 0));
            throw new AssertionError("no answer came, yet it counted as sent");
        } catch (SmsNotSentException e) {
            assertThat(e.outcome()).isEqualTo(SmsNotSentException.Outcome.UNCONFIRMED);
        }

        await().atMost(PATIENCE).until(() -> !received(id).isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> received(id).size() == 1);
        assertThat(received(id).getFirst().gateway()).isEqualTo("smpp");
    }

    @Test
    void whileBothAreDownMessagesStayPendingAndArriveWhenOneReturns() {
        smsc.failureModes(SmscFailureModes.NORMAL.withDown(true));
        await().atMost(PATIENCE).until(() -> !failover.ready() || "http".equals(failover.active()));
        List<UUID> ids = new ArrayList<>();
        String mobile = SmsDispatchIntegrationTests.newMobile();
        for (int i = 0; i < 20; i++) {
            ids.add(enqueueOtp(mobile, "5000" + (10 + i)));
        }

        // several open-for periods: the breakers let probes through, which fail again
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> smsc.messagesTo(mobile, 100).isEmpty());
        assertThat(ids).allSatisfy(id -> assertThat(row(id).get("status")).isEqualTo("PENDING"));
        await().atMost(PATIENCE).until(() -> "none".equals(failover.active()));

        // the HTTP provider comes back first
        smsc.httpFailureModes(SmscFailureModes.NORMAL);
        await().atMost(PATIENCE).until(() -> ids.stream().allMatch(id -> !received(id).isEmpty()));
        assertThat(smsc.messagesTo(mobile, 100)).extracting(ReceivedMessage::gateway).containsOnly("http");

        smsc.smppFailureModes(SmscFailureModes.NORMAL);
        everyMessageArrivedOnceAndWasDelivered(ids);
    }

    /** Sends OTPs one after the other until one went over SMPP and SMPP is the active gateway again. */
    private void trafficGoesBackToSmpp(String mobile, List<UUID> ids) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            UUID id = enqueueOtp(mobile, "300" + (100 + ids.size()));
            ids.add(id);
            await().atMost(PATIENCE).until(() -> !received(id).isEmpty());
            if ("smpp".equals(received(id).getFirst().gateway()) && "smpp".equals(failover.active())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("traffic did not go back to SMPP within " + PATIENCE);
    }

    private void everyMessageArrivedOnceAndWasDelivered(List<UUID> ids) {
        await().atMost(PATIENCE).until(() -> ids.stream().allMatch(id -> "DELIVERED".equals(row(id).get("status"))));
        Map<String, Integer> copies = new HashMap<>();
        for (ReceivedMessage m : smsc.allMessages()) {
            if (m.teekaMessageId() != null) {
                copies.merge(m.teekaMessageId(), 1, Integer::sum);
            }
        }
        assertThat(ids).allSatisfy(id -> assertThat(copies.getOrDefault(id.toString(), 0)).as("copies of " + id).isEqualTo(1));
    }

    private List<ReceivedMessage> received(UUID id) {
        return smsc.allMessages().stream().filter(m -> id.toString().equals(m.teekaMessageId())).toList();
    }

    private UUID enqueueOtp(String mobile, String code) {
        Sms sms = new Sms(mobile, "sms.otp", Locale.ENGLISH, List.of(code, 3), "test-failover-" + UUID.randomUUID(), Priority.TIME_CRITICAL);
        transaction.executeWithoutResult(tx -> outbox.enqueue(sms));
        return jdbc.sql("select id from outbox_messages where dedupe_key = ?").param(sms.dedupeKey()).query(UUID.class).single();
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.sql("select * from outbox_messages where id = ?").param(id).query().singleRow();
    }

    private String prometheus() throws Exception {
        return mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private double metric(String name, String labels) throws Exception {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(prometheus());
        while (m.find()) {
            if (labels.isEmpty() || (m.group(1) != null && m.group(1).contains(labels))) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    /** The state whose resilience4j_circuitbreaker_state line for this breaker is 1. */
    private static String breakerState(String prometheus, String breaker) {
        Matcher m = Pattern.compile("(?m)^resilience4j_circuitbreaker_state\\{([^}]*)\\} 1\\.0$").matcher(prometheus);
        while (m.find()) {
            if (m.group(1).contains("name=\"" + breaker + "\"")) {
                Matcher state = Pattern.compile("state=\"([a-z_]+)\"").matcher(m.group(1));
                if (state.find()) {
                    return state.group(1);
                }
            }
        }
        return null;
    }
}
