package org.teeka.cowin;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.teeka.IntegrationTest;
import org.teeka.account.BearerTokens;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.center.Centers;
import org.teeka.session.Session;
import org.teeka.session.Sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teeka.cowin.CowinFixtures.today;

/** With captchas switched on (its own application context, so its own database), booking needs the last captcha's answer. */
@IntegrationTest
@TestPropertySource(properties = "teeka.cowin.captcha=true")
class CowinCaptchaIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Centers centers;

    @Autowired
    Sessions sessions;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    BearerTokens tokens;

    CowinCalls cowin;
    CowinFixtures fixtures;
    String mobile;
    String token;
    Beneficiary person;
    Session session;

    @BeforeEach
    void setUp() {
        cowin = new CowinCalls(mvc).from(CowinFixtures.newAddress());
        fixtures = new CowinFixtures(centers, sessions, beneficiaries, tokens);
        mobile = CowinFixtures.newMobile();
        token = fixtures.tokenFor(mobile);
        person = fixtures.registered(mobile, "Captcha Solver", 1990);
        session = fixtures.sessionAt(CowinFixtures.newPincode(), today().plusDays(2), 5, 0);
    }

    @Test
    void bookingWithoutTheCaptchaIsAppoin0044() {
        var reply = schedule(null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errorCode").asString()).isEqualTo("APPOIN0044");
        assertThat(sessions.find(session.id()).orElseThrow().dose1Available()).isEqualTo(5);
    }

    @Test
    void aWrongAnswerIsAppoin0044() {
        cowin.post("/api/v2/auth/getRecaptcha", token, "{}");

        var reply = schedule("WRONG");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errorCode").asString()).isEqualTo("APPOIN0044");
    }

    @Test
    void theRightAnswerBooksOnceAndIsThenUsedUp() {
        assertThat(cowin.post("/api/v2/auth/getRecaptcha", token, "{}").status()).isEqualTo(200);
        String answer = jdbc.sql("select answer from cowin_captchas where mobile = ?").param(mobile).query(String.class).single();

        var booked = schedule(answer.toLowerCase());
        var again = cowin.post("/api/v2/appointment/reschedule", token, "{\"appointment_id\":\""
                + booked.json().get("appointment_id").asString() + "\",\"session_id\":\"" + session.id()
                + "\",\"slot\":\"01:00PM-05:00PM\",\"captcha\":\"" + answer + "\"}");

        assertThat(booked.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("errorCode").asString()).isEqualTo("APPOIN0044");
    }

    @Test
    void anExpiredAnswerIsAppoin0044() {
        cowin.post("/api/v2/auth/getRecaptcha", token, "{}");
        String answer = jdbc.sql("select answer from cowin_captchas where mobile = ?").param(mobile).query(String.class).single();
        jdbc.sql("update cowin_captchas set expires_at = now() - interval '1 second' where mobile = ?").param(mobile).update();

        assertThat(schedule(answer).json().get("errorCode").asString()).isEqualTo("APPOIN0044");
    }

    private CowinCalls.Reply schedule(String captcha) {
        return cowin.post("/api/v2/appointment/schedule", token, "{\"dose\":1,\"session_id\":\"" + session.id()
                + "\",\"slot\":\"09:00AM-01:00PM\",\"beneficiaries\":[\"" + person.referenceId() + "\"]"
                + (captcha == null ? "" : ",\"captcha\":\"" + captcha + "\"") + "}");
    }
}
