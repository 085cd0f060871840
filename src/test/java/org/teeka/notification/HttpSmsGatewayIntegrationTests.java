package org.teeka.notification;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.teeka.IntegrationTest;
import org.teeka.smsc.ReceivedMessage;
import org.teeka.smsc.SmscFailureModes;
import org.teeka.smsc.SmscSimulator;
import tools.jackson.databind.json.JsonMapper;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The generic HTTP gateway against the local SMSC simulator's HTTP API over real HTTP on
 * loopback, and the delivery-report callback, with the real database.
 */
@IntegrationTest
@TestPropertySource(properties = {"teeka.sms.http.enabled=true", "teeka.sms.http.callback.secret=test-dlr-secret"})
class HttpSmsGatewayIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    SmscSimulator smsc;

    @Autowired
    DltTemplates dlt;

    @Autowired
    Environment environment;

    @Autowired
    JsonMapper json;

    @Autowired
    MockMvc mvc;

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @BeforeEach
    @AfterEach
    void smscBehavesAgain() {
        smsc.failureModes(SmscFailureModes.NORMAL);
    }

    @Test
    void aFormPostWithBasicAuthArrivesNamedHttpWithTheProvidersId() throws Exception {
        var gateway = gateway(settings("POST", "form", basic("teeka"), null, null));
        String mobile = SmsDispatchIntegrationTests.newMobile();
        UUID id = UUID.randomUUID();

        String providerId = gateway.send(new OutgoingSms(id, mobile, "sms.otp", "en", "123456 is your code", 0));

        ReceivedMessage received = smsc.messagesTo(mobile, 10).getFirst();
        assertThat(received.id()).isEqualTo(providerId);
        assertThat(received.gateway()).isEqualTo("http");
        assertThat(received.text()).isEqualTo("123456 is your code");
        assertThat(received.teekaMessageId()).isEqualTo(id.toString());
        assertThat(received.dltTemplateId()).isEqualTo("1107000000000000101");
        assertThat(received.dltEntityId()).isEqualTo("1101000000000000001");
        assertThat(received.dataCoding()).isZero();
        mvc.perform(get("/smsc/messages").param("mobile", mobile))
                .andExpect(jsonPath("$[0].gateway").value("http"))
                .andExpect(jsonPath("$[0].to").value(mobile));
    }

    @Test
    void jsonGetAndHeaderAuthAndTextAnswersAreConfigurable() throws Exception {
        String mobile = SmsDispatchIntegrationTests.newMobile();
        var jsonPost = gateway(settings("POST", "json", new HttpSmsSettings.Auth("header", null, null, "apikey", "teeka"), null, null));
        String hindi = "730021 आपका टीका साइन-इन कोड है।";
        jsonPost.send(new OutgoingSms(UUID.randomUUID(), mobile, "sms.otp", "hi", hindi, 0));
        ReceivedMessage received = smsc.messagesTo(mobile, 10).getFirst();
        assertThat(received.text()).isEqualTo(hindi);
        assertThat(received.dataCoding()).isEqualTo(8);
        assertThat(received.dltTemplateId()).isEqualTo("1107000000000000102");

        var viaGet = gateway(settings("GET", "form", basic("teeka"), null, null));
        viaGet.send(new OutgoingSms(UUID.randomUUID(), mobile, "sms.otp", "en", "second & last?", 0));
        assertThat(smsc.messagesTo(mobile, 10).getFirst().text()).isEqualTo("second & last?");

        // success read from a status field the provider names differently is refused when it does not match
        var picky = gateway(settings("POST", "form", basic("teeka"),
                new HttpSmsSettings.Response("json", "/status", List.of("queued"), "/messageId", null), null));
        assertThatThrownBy(() -> picky.send(new OutgoingSms(UUID.randomUUID(), mobile, "sms.otp", "en", "x", 0)))
                .isInstanceOf(SmsNotSentException.class)
                .extracting(e -> ((SmsNotSentException) e).outcome()).isEqualTo(SmsNotSentException.Outcome.REJECTED);
        // a text answer read with a pattern: the simulator answers JSON, so a pattern for "OK: id" finds nothing
        var text = gateway(settings("POST", "form", basic("teeka"), new HttpSmsSettings.Response("text", null, null, null, "\"messageId\":\"([^\"]+)\""), null));
        String id = text.send(new OutgoingSms(UUID.randomUUID(), mobile, "sms.otp", "en", "by pattern", 0));
        assertThat(smsc.messagesTo(mobile, 10).getFirst().id()).isEqualTo(id);
    }

    @Test
    void eachKindOfFailureHasItsOutcome() throws Exception {
        String mobile = SmsDispatchIntegrationTests.newMobile();
        var sms = new OutgoingSms(UUID.randomUUID(), mobile, "sms.otp", "en", "failing", 0);

        assertThat(outcome(gateway(settings("POST", "form", basic("wrong"), null, null)), sms)).isEqualTo(SmsNotSentException.Outcome.REJECTED);

        smsc.httpFailureModes(SmscFailureModes.NORMAL.withDown(true));
        assertThat(outcome(gateway(settings("POST", "form", basic("teeka"), null, null)), sms)).isEqualTo(SmsNotSentException.Outcome.NOT_SENT);

        smsc.httpFailureModes(SmscFailureModes.NORMAL.withRejectPercent(100));
        assertThat(outcome(gateway(settings("POST", "form", basic("teeka"), null, null)), sms)).isEqualTo(SmsNotSentException.Outcome.REJECTED);

        smsc.httpFailureModes(SmscFailureModes.NORMAL);
        int closed;
        try (var socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        var nowhere = new HttpSmsGateway(new HttpSmsSettings(true, "http://127.0.0.1:" + closed + "/send", "POST", "form", null, null, null,
                null, basic("teeka"), null, Duration.ofSeconds(1), Duration.ofSeconds(2), 5, null), dlt, environment, json);
        assertThat(outcome(nowhere, sms)).isEqualTo(SmsNotSentException.Outcome.NOT_SENT);

        assertThat(smsc.messagesTo(mobile, 10)).as("none of them was taken").isEmpty();

        // no answer in time: the provider may still take it (here it does, later)
        smsc.httpFailureModes(SmscFailureModes.NORMAL.withSlow(Duration.ofMillis(1500)));
        assertThat(outcome(gateway(settings("POST", "form", basic("teeka"), null, Duration.ofMillis(500))), sms))
                .isEqualTo(SmsNotSentException.Outcome.UNCONFIRMED);
    }

    @Test
    void theDeliveryReportCallbackNeedsTheSecretAndAKnownStatus() throws Exception {
        mvc.perform(post("/api/sms/delivery-reports").param("messageId", "x-1").param("status", "DELIVRD"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("notification.delivery-report.forbidden"));
        mvc.perform(post("/api/sms/delivery-reports").param("messageId", "x-1").param("status", "DELIVRD").param("secret", "guess"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/sms/delivery-reports").header("X-Teeka-Secret", "test-dlr-secret")
                        .param("messageId", "x-1").param("status", "HAPPY").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("notification.delivery-report.invalid"));
        mvc.perform(get("/api/sms/delivery-reports").param("secret", "test-dlr-secret").param("status", "DELIVRD"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/sms/delivery-reports").param("secret", "test-dlr-secret").param("messageId", "x-2").param("status", "ENROUTE"))
                .andExpect(status().isNoContent());
    }

    @Test
    void aReportPostedByTheProviderSettlesTheRowAsAnSmppReceiptWould() throws Exception {
        // SMPP down and the HTTP side sending no reports: the row waits SUBMITTED until the report is posted by hand
        smsc.smppFailureModes(SmscFailureModes.NORMAL.withDown(true));
        smsc.httpFailureModes(SmscFailureModes.NORMAL.withReceipts(false));
        String mobile = SmsDispatchIntegrationTests.newMobile();
        Sms sms = new Sms(mobile, "sms.otp", Locale.ENGLISH, List.of("424242", 3), "test-otp-" + UUID.randomUUID(), Priority.TIME_CRITICAL);
        transaction.executeWithoutResult(tx -> outbox.enqueue(sms));
        UUID id = jdbc.sql("select id from outbox_messages where dedupe_key = ?").param(sms.dedupeKey()).query(UUID.class).single();

        await().atMost(PATIENCE).until(() -> "SUBMITTED".equals(row(id).get("status")));
        String providerId = (String) row(id).get("smsc_message_id");
        assertThat(smsc.messagesTo(mobile, 10)).singleElement().satisfies(m -> {
            assertThat(m.gateway()).isEqualTo("http");
            assertThat(m.id()).isEqualTo(providerId);
        });

        mvc.perform(post("/api/sms/delivery-reports").param("secret", "test-dlr-secret")
                        .param("messageId", providerId).param("status", "UNDELIVERED"))
                .andExpect(status().isNoContent());

        await().atMost(PATIENCE).until(() -> "FAILED".equals(row(id).get("status")));
        assertThat(row(id).get("receipt_state")).isEqualTo("UNDELIV");
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.sql("select * from outbox_messages where id = ?").param(id).query().singleRow();
    }

    private static SmsNotSentException.Outcome outcome(HttpSmsGateway gateway, OutgoingSms sms) {
        try {
            gateway.send(sms);
            throw new AssertionError("sent");
        } catch (SmsNotSentException e) {
            return e.outcome();
        }
    }

    private HttpSmsGateway gateway(HttpSmsSettings settings) {
        return new HttpSmsGateway(settings, dlt, environment, json);
    }

    private static HttpSmsSettings.Auth basic(String password) {
        return new HttpSmsSettings.Auth("basic", "teeka", password, null, null);
    }

    private static HttpSmsSettings settings(String method, String encoding, HttpSmsSettings.Auth auth, HttpSmsSettings.Response response,
                                            Duration requestTimeout) {
        return new HttpSmsSettings(true, "http://127.0.0.1:{local-port}/smsc/http/send", method, encoding, null, "91", "TEEKAS",
                Map.of("route", "transactional"), auth, response, Duration.ofSeconds(1), requestTimeout, 10, null);
    }
}
