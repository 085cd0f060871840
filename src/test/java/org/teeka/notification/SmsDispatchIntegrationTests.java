package org.teeka.notification;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.teeka.IntegrationTest;
import org.teeka.smsc.ReceivedMessage;
import org.teeka.smsc.SmscFailureModes;
import org.teeka.smsc.SmscSimulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The outbox sent over real SMPP on loopback to the local SMSC simulator, with the real database. */
@IntegrationTest
class SmsDispatchIntegrationTests {

    private static final AtomicLong MOBILES = new AtomicLong(6_200_000_000L + System.nanoTime() % 10_000_000 * 10);
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    Outbox outbox;

    @Autowired
    SmscSimulator smsc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    MockMvc mvc;

    @Autowired
    SmsGateway gateway;

    @Autowired
    ConfigurableApplicationContext context;

    @AfterEach
    void smscBehavesAgain() {
        smsc.failureModes(SmscFailureModes.NORMAL);
    }

    @Test
    void anEnqueuedOtpArrivesAtTheSmscAndIsListedForItsMobile() throws Exception {
        String mobile = newMobile();
        UUID id = enqueue(otp(mobile, Locale.ENGLISH, "482913"));

        await().atMost(PATIENCE).until(() -> !smsc.messagesTo(mobile, 10).isEmpty());

        String text = row(id).get("text").toString();
        String json = mvc.perform(get("/smsc/messages").param("mobile", mobile))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].to").value(mobile))
                .andExpect(jsonPath("$[0].text").value(text))
                .andExpect(jsonPath("$[0].teekaMessageId").value(id.toString()))
                .andExpect(jsonPath("$[0].dataCoding").value(0))
                .andExpect(jsonPath("$[0].parts").value(1))
                .andExpect(jsonPath("$[0].from").value("TEEKAS"))
                .andExpect(jsonPath("$[0].dltEntityId").value("1101000000000000001"))
                .andExpect(jsonPath("$[0].dltTemplateId").value("1107000000000000101"))
                .andReturn().getResponse().getContentAsString();
        assertThat(text).startsWith("482913 is your Teeka sign-in code.");
        Instant receivedAt = Instant.parse(JsonPath.read(json, "$[0].receivedAt"));
        assertThat(receivedAt).isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void listsTheNewestMessageFirst() throws Exception {
        String mobile = newMobile();
        enqueue(otp(mobile, Locale.ENGLISH, "111111"));
        await().atMost(PATIENCE).until(() -> smsc.messagesTo(mobile, 10).size() == 1);
        enqueue(otp(mobile, Locale.ENGLISH, "222222"));
        await().atMost(PATIENCE).until(() -> smsc.messagesTo(mobile, 10).size() == 2);

        mvc.perform(get("/smsc/messages").param("mobile", mobile))
                .andExpect(jsonPath("$[0].text").value(org.hamcrest.Matchers.startsWith("222222")))
                .andExpect(jsonPath("$[1].text").value(org.hamcrest.Matchers.startsWith("111111")));
    }

    @Test
    void hindiArrivesIntactAsUcs2() {
        String mobile = newMobile();
        UUID id = enqueue(otp(mobile, Locale.forLanguageTag("hi"), "730021"));

        ReceivedMessage received = awaitOne(mobile);

        assertThat(received.dataCoding()).isEqualTo(8);
        assertThat(received.text()).isEqualTo(row(id).get("text")).startsWith("730021 आपका टीका साइन-इन कोड है।");
        assertThat(received.dltTemplateId()).isEqualTo("1107000000000000102");
    }

    @Test
    void aLongHindiMessageIsSplitIntoPartsAndReassembled() {
        String mobile = newMobile();
        UUID id = enqueue(new Sms(mobile, "sms.appointment-booked", Locale.forLanguageTag("hi"),
                List.of("सुनीता देवी", 1, "सामुदायिक स्वास्थ्य केंद्र फूलपुर, प्रयागराज", "२५ नवंबर २०२६", "10:30–11:00", "4829"),
                "test-long-" + UUID.randomUUID(), Priority.TRANSACTIONAL));
        String text = row(id).get("text").toString();
        assertThat(text.length()).isGreaterThan(2 * 67);

        ReceivedMessage received = awaitOne(mobile);

        assertThat(received.parts()).isEqualTo((text.length() + 66) / 67);
        assertThat(received.text()).isEqualTo(text);
        assertThat(received.dataCoding()).isEqualTo(8);
    }

    @Test
    void aLongLatinMessageGoesAsGsm7Parts() {
        String mobile = newMobile();
        UUID id = enqueue(new Sms(mobile, "sms.appointment-booked", Locale.ENGLISH,
                List.of("Sunita Devi", 2, "Community Health Centre Phulpur, Prayagraj district, Uttar Pradesh", "25 Nov 2026",
                        "10:30-11:00", "4829"),
                "test-long-en-" + UUID.randomUUID(), Priority.TRANSACTIONAL));
        String text = row(id).get("text").toString();
        assertThat(text.length()).isGreaterThan(160);

        ReceivedMessage received = awaitOne(mobile);

        assertThat(received.parts()).isEqualTo(2);
        assertThat(received.dataCoding()).isZero();
        assertThat(received.text()).isEqualTo(text);
    }

    @Test
    void aReceiptMovesTheRowToDelivered() {
        String mobile = newMobile();
        UUID id = enqueue(otp(mobile, Locale.ENGLISH, "555001"));

        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(row(id).get("status")));

        Map<String, Object> row = row(id);
        assertThat(row.get("receipt_state")).isEqualTo("DELIVRD");
        assertThat(row.get("smsc_message_id")).isNotNull();
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(row.get("submitted_at")).isNotNull();
        assertThat(row.get("done_at")).isNotNull();
    }

    @Test
    void anUndeliverableReceiptMovesTheRowToFailed() {
        smsc.failureModes(SmscFailureModes.NORMAL.withUndeliverablePercent(100));
        String mobile = newMobile();
        UUID id = enqueue(otp(mobile, Locale.ENGLISH, "555002"));

        await().atMost(PATIENCE).until(() -> "FAILED".equals(row(id).get("status")));

        assertThat(row(id).get("receipt_state")).isEqualTo("UNDELIV");
    }

    @Test
    void withoutAReceiptTheRowStaysSubmitted() {
        smsc.failureModes(SmscFailureModes.NORMAL.withReceipts(false));
        String mobile = newMobile();
        UUID id = enqueue(otp(mobile, Locale.ENGLISH, "555003"));

        await().atMost(PATIENCE).until(() -> "SUBMITTED".equals(row(id).get("status")));
        awaitOne(mobile);

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> "SUBMITTED".equals(row(id).get("status")));
    }

    @Test
    void whileTheSmscIsDownMessagesWaitAndTheGatewayRebindsWithBackoffThenDelivers() {
        long refusedBefore = smsc.bindsRefused();
        smsc.failureModes(SmscFailureModes.NORMAL.withDown(true));
        await().atMost(PATIENCE).until(() -> !gateway.ready());
        String mobile = newMobile();
        UUID id = enqueue(otp(mobile, Locale.ENGLISH, "600100"));

        await().atMost(PATIENCE).until(() -> smsc.bindsRefused() >= refusedBefore + 3);
        assertThat(smsc.messagesTo(mobile, 10)).isEmpty();
        assertThat(row(id).get("status")).isEqualTo("PENDING");
        assertThat(row(id).get("attempts")).as("a message that never left does not use up an attempt").isEqualTo(0);

        smsc.failureModes(SmscFailureModes.NORMAL);

        awaitOne(mobile);
        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(row(id).get("status")));
    }

    @Test
    void aMessageWhoseAnswerWasLostIsRetriedWithBackoffAsTheSameMessage() {
        smsc.failureModes(SmscFailureModes.NORMAL.withSlow(Duration.ofMillis(1500)));
        long submitsBefore = smsc.submits();
        String mobile = newMobile();
        UUID id = enqueue(otp(mobile, Locale.ENGLISH, "600200"));
        await().atMost(PATIENCE).until(() -> smsc.submits() > submitsBefore);

        // the link drops while the SMSC holds the message: the gateway never hears back
        smsc.failureModes(SmscFailureModes.NORMAL.withDown(true));
        await().atMost(PATIENCE).until(() -> row(id).get("last_error") != null);
        Map<String, Object> failed = row(id);
        assertThat(failed.get("status")).isEqualTo("PENDING");
        assertThat(((java.sql.Timestamp) failed.get("not_before")).toInstant()).isAfter(Instant.now().minusMillis(100));

        smsc.failureModes(SmscFailureModes.NORMAL);

        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(row(id).get("status")));
        assertThat(row(id).get("attempts")).isEqualTo(2);
        List<ReceivedMessage> received = smsc.messagesTo(mobile, 10);
        assertThat(received).hasSizeBetween(1, 2).allSatisfy(m -> assertThat(m.teekaMessageId()).isEqualTo(id.toString()));
    }

    @Test
    void aRejectingSmscMakesTheMessageDeadAfterTheLastAttempt() {
        smsc.failureModes(SmscFailureModes.NORMAL.withRejectPercent(100));
        String mobile = newMobile();
        Instant enqueued = Instant.now();
        UUID id = enqueue(otp(mobile, Locale.ENGLISH, "700300"));

        await().atMost(PATIENCE).until(() -> "DEAD".equals(row(id).get("status")));

        Map<String, Object> row = row(id);
        assertThat(row.get("attempts")).isEqualTo(3);
        assertThat(row.get("last_error").toString()).contains("0x00000045");
        assertThat(smsc.messagesTo(mobile, 10)).isEmpty();
        // pauses of 200 ms and 400 ms lie between the three attempts
        assertThat(Duration.between(enqueued, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }

    @Test
    void anOtpOvertakesAQueueOfBulkMessages() {
        String bulkMobile = newMobile();
        Set<String> bulkIds = bulkWaitingThroughAnOutage(bulkMobile);
        String otpMobile = newMobile();
        UUID otpId = enqueue(otp(otpMobile, Locale.ENGLISH, "800400"));

        smsc.failureModes(SmscFailureModes.NORMAL);
        await().atMost(Duration.ofSeconds(60)).until(() -> smsc.messagesTo(bulkMobile, 2000).size() == 1000);

        assertThat(placeAmong(bulkIds, otpId)).as("place of the OTP among 1,001 messages").isLessThan(50);
    }

    /**
     * After an outage the breaker lets only a few trial messages through (half-open) before it
     * trusts the link again. An OTP that arrives while they are on their way is the next one sent:
     * the bulk waiting since the outage does not race it for the trial places.
     */
    @Test
    void anOtpArrivingWhileTheLinkIsOnTrialAfterAnOutageOvertakesTheBulk() {
        String bulkMobile = newMobile();
        Set<String> bulkIds = bulkWaitingThroughAnOutage(bulkMobile);
        long submitsBefore = smsc.submits();

        // back, but each answer takes half a second: the first trial message is held at the SMSC
        smsc.failureModes(SmscFailureModes.NORMAL.withSlow(Duration.ofMillis(500)));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> smsc.submits() > submitsBefore);
        String otpMobile = newMobile();
        UUID otpId = enqueue(otp(otpMobile, Locale.ENGLISH, "800500"));
        await().atMost(PATIENCE).until(() -> !smsc.messagesTo(otpMobile, 10).isEmpty());
        smsc.failureModes(SmscFailureModes.NORMAL);
        await().atMost(Duration.ofSeconds(60)).until(() -> smsc.messagesTo(bulkMobile, 2000).size() == 1000);

        assertThat(placeAmong(bulkIds, otpId)).as("place of the OTP among 1,001 messages: one of the trial messages").isLessThan(3);
    }

    /** The SMSC goes down (the gateway's breaker opens), and 1,000 bulk messages wait in the outbox meanwhile. */
    private Set<String> bulkWaitingThroughAnOutage(String mobile) {
        smsc.failureModes(SmscFailureModes.NORMAL.withDown(true));
        await().atMost(PATIENCE).until(() -> smsc.boundSessions() == 0 && !gateway.ready());
        transaction.executeWithoutResult(tx -> {
            for (int i = 0; i < 1000; i++) {
                outbox.enqueue(new Sms(mobile, "sms.appointment-cancelled", Locale.ENGLISH, List.of("Person " + i, "CHC Phulpur", "25 Nov 2026"),
                        "test-bulk-" + UUID.randomUUID(), Priority.BULK));
            }
        });
        return new HashSet<>(jdbc.sql("select id::text from outbox_messages where mobile = ?").param(mobile).query(String.class).list());
    }

    /** Where the message arrived at the SMSC among itself and the bulk messages (all of which arrived). */
    private int placeAmong(Set<String> bulkIds, UUID id) {
        List<String> order = new ArrayList<>();
        for (ReceivedMessage m : smsc.allMessages()) {
            if (bulkIds.contains(m.teekaMessageId()) || id.toString().equals(m.teekaMessageId())) {
                order.add(m.teekaMessageId());
            }
        }
        assertThat(order).hasSize(bulkIds.size() + 1);
        return order.indexOf(id.toString());
    }

    @Test
    void sendsAgainAfterTheApplicationWasPausedAndRestarted() {
        String mobile = newMobile();
        enqueue(otp(mobile, Locale.ENGLISH, "900500"));
        awaitOne(mobile);

        // as the test framework does with a cached context while another one runs
        context.pause();
        context.restart();
        UUID id = enqueue(otp(mobile, Locale.ENGLISH, "900501"));

        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(row(id).get("status")));
        assertThat(smsc.messagesTo(mobile, 10)).extracting(ReceivedMessage::text)
                .satisfiesExactly(t -> assertThat(t).startsWith("900501"), t -> assertThat(t).startsWith("900500"));
    }

    @Test
    void theGatewayKeepsTheLinkCheckedWithEnquireLinks() {
        long before = smsc.enquireLinks();

        await().atMost(PATIENCE).until(() -> smsc.enquireLinks() > before);
    }

    private ReceivedMessage awaitOne(String mobile) {
        await().atMost(PATIENCE).until(() -> !smsc.messagesTo(mobile, 10).isEmpty());
        List<ReceivedMessage> received = smsc.messagesTo(mobile, 10);
        assertThat(received).hasSize(1);
        return received.getFirst();
    }

    @Test
    void aScheduledMessageWaitsUntilItIsDueAndAWithdrawnOneIsNeverSent() {
        String mobile = newMobile();
        Sms soon = otp(mobile, Locale.ENGLISH, "111111").dueAt(Instant.now().plusSeconds(2));
        Sms later = otp(mobile, Locale.ENGLISH, "222222").dueAt(Instant.now().plusSeconds(2));
        Sms never = otp(mobile, Locale.ENGLISH, "333333").dueAt(Instant.now().plus(Duration.ofDays(28)));
        UUID soonId = enqueue(soon);
        UUID laterId = enqueue(later);
        UUID neverId = enqueue(never);
        assertThat(row(soonId).get("status")).isEqualTo("SCHEDULED");
        assertThat(row(neverId).get("status")).isEqualTo("SCHEDULED");

        assertThat((Boolean) transaction.execute(tx -> outbox.withdraw(later.dedupeKey()))).isTrue();
        assertThat((Boolean) transaction.execute(tx -> outbox.withdraw(later.dedupeKey()))).as("only once").isFalse();

        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(row(soonId).get("status")));
        assertThat(smsc.messagesTo(mobile, 10)).extracting(ReceivedMessage::text)
                .singleElement().asString().startsWith("111111");
        assertThat(row(laterId).get("status")).isEqualTo("WITHDRAWN");
        assertThat(row(neverId).get("status")).isEqualTo("SCHEDULED");
        assertThat(Duration.between((Instant) jdbc.sql("select created_at from outbox_messages where id = ?").param(soonId)
                .query(Instant.class).single(), smsc.messagesTo(mobile, 10).getFirst().receivedAt()))
                .as("not sent before it was due").isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        transaction.executeWithoutResult(tx -> outbox.withdraw(never.dedupeKey()));
    }

    private UUID enqueue(Sms sms) {
        transaction.executeWithoutResult(tx -> outbox.enqueue(sms));
        return jdbc.sql("select id from outbox_messages where dedupe_key = ?").param(sms.dedupeKey()).query(UUID.class).single();
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.sql("select * from outbox_messages where id = ?").param(id).query().singleRow();
    }

    private static Sms otp(String mobile, Locale language, String code) {
        return new Sms(mobile, "sms.otp", language, List.of(code, 3), "test-otp-" + UUID.randomUUID(), Priority.TIME_CRITICAL);
    }

    static String newMobile() {
        return Long.toString(MOBILES.incrementAndGet());
    }
}
