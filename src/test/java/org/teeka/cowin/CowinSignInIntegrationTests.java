package org.teeka.cowin;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.teeka.IntegrationTest;
import org.teeka.account.BearerTokenFixtures;
import org.teeka.account.BearerTokens;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.center.Centers;
import org.teeka.platform.Secrets;
import org.teeka.session.Sessions;
import tools.jackson.databind.node.JsonNodeType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teeka.cowin.CowinFixtures.hasFields;

/** OTP sign-in as CoWIN clients do it, and the bearer token every protected call needs. */
@IntegrationTest
class CowinSignInIntegrationTests {

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /** Every protected call, with a body where it takes one. */
    private static final List<String[]> PROTECTED = List.of(
            new String[] {"GET", "/api/v2/appointment/beneficiaries", null},
            new String[] {"POST", "/api/v2/registration/beneficiary/new", "{\"name\":\"X\"}"},
            new String[] {"POST", "/api/v2/registration/beneficiary/delete", "{\"beneficiary_reference_id\":\"12345678901234\"}"},
            new String[] {"GET", "/api/v2/appointment/sessions/findByPin?pincode=211001&date=01-01-2030", null},
            new String[] {"GET", "/api/v2/appointment/sessions/findByDistrict?district_id=624&date=01-01-2030", null},
            new String[] {"GET", "/api/v2/appointment/sessions/calendarByPin?pincode=211001&date=01-01-2030", null},
            new String[] {"GET", "/api/v2/appointment/sessions/calendarByDistrict?district_id=624&date=01-01-2030", null},
            new String[] {"POST", "/api/v2/auth/getRecaptcha", "{}"},
            new String[] {"POST", "/api/v2/appointment/schedule", "{}"},
            new String[] {"POST", "/api/v2/appointment/reschedule", "{}"},
            new String[] {"POST", "/api/v2/appointment/cancel", "{}"},
            new String[] {"GET", "/api/v2/appointment/appointmentslip/download?appointment_id=x", null},
            new String[] {"GET", "/api/v2/registration/certificate/public/download?beneficiary_reference_id=x", null});

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Secrets secrets;

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

    @BeforeEach
    void setUp() {
        cowin = new CowinCalls(mvc).from(CowinFixtures.newAddress());
        fixtures = new CowinFixtures(centers, sessions, beneficiaries, tokens);
    }

    @Test
    void generateOtpSendsACodeBySmsAndAnswersItsTransaction() {
        String mobile = CowinFixtures.newMobile();

        var reply = cowin.post("/api/v2/auth/public/generateOTP", null, "{\"mobile\":\"" + mobile + "\"}");

        assertThat(reply.status()).isEqualTo(200);
        hasFields(reply.json(), "txnId", JsonNodeType.STRING);
        assertThat(reply.json().get("txnId").asString()).matches("[0-9a-f-]{36}");
        assertThat(codeSentTo(mobile)).matches("[0-9]{6}");
    }

    @Test
    void confirmOtpTakesTheSha256OfTheCodeAndAnswersABearerToken() {
        String mobile = CowinFixtures.newMobile();
        String txnId = cowin.post("/api/v2/auth/public/generateOTP", null, "{\"mobile\":\"" + mobile + "\"}").json().get("txnId").asString();

        var reply = cowin.post("/api/v2/auth/public/confirmOTP", null,
                "{\"otp\":\"" + sha256(codeSentTo(mobile)) + "\",\"txnId\":\"" + txnId + "\"}");

        assertThat(reply.status()).isEqualTo(200);
        hasFields(reply.json(), "token", JsonNodeType.STRING);
        var beneficiaries = cowin.get("/api/v2/appointment/beneficiaries", "Bearer " + reply.json().get("token").asString());
        assertThat(beneficiaries.status()).isEqualTo(200);
        assertThat(beneficiaries.json().get("beneficiaries").isArray()).isTrue();
    }

    @Test
    void theWebAppsVariantsWorkAlikeAndIgnoreTheSecret() {
        String mobile = CowinFixtures.newMobile();
        var sent = cowin.post("/api/v2/auth/generateMobileOTP", null, "{\"mobile\":\"" + mobile + "\",\"secret\":\"U2FsdGVkX1+abc\"}");
        assertThat(sent.status()).isEqualTo(200);

        var confirmed = cowin.post("/api/v2/auth/validateMobileOtp", null,
                "{\"otp\":\"" + sha256(codeSentTo(mobile)) + "\",\"txnId\":\"" + sent.json().get("txnId").asString() + "\"}");

        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(tokens.verify(confirmed.json().get("token").asString())).isPresent();
    }

    @Test
    void aMissingMobileIsUsraut0010() {
        for (String body : List.of("{}", "{\"mobile\":\"\"}", "")) {
            var reply = cowin.post("/api/v2/auth/public/generateOTP", null, body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.json().get("errorCode").asString()).isEqualTo("USRAUT0010");
        }
    }

    @Test
    void anInvalidMobileIsA400() {
        var reply = cowin.post("/api/v2/auth/public/generateOTP", null, "{\"mobile\":\"12345\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errorCode").asString()).isEqualTo("otp.error.mobile-invalid");
    }

    @Test
    void asecondCodeDuringTheCooldownIsA400WithRetryAfter() {
        String mobile = CowinFixtures.newMobile();
        cowin.post("/api/v2/auth/public/generateOTP", null, "{\"mobile\":\"" + mobile + "\"}");

        var reply = cowin.post("/api/v2/auth/public/generateOTP", null, "{\"mobile\":\"" + mobile + "\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errorCode").asString()).isEqualTo("otp.error.cooldown");
        assertThat(reply.header("Retry-After")).matches("[1-9][0-9]*");
    }

    @Test
    void aWrongCodeIsRefusedSayingHowManyTriesAreLeft() {
        String mobile = CowinFixtures.newMobile();
        String txnId = cowin.post("/api/v2/auth/public/generateOTP", null, "{\"mobile\":\"" + mobile + "\"}").json().get("txnId").asString();
        String wrong = sha256(codeSentTo(mobile).equals("000000") ? "111111" : "000000");

        var reply = cowin.inLanguage("hi_IN").post("/api/v2/auth/public/confirmOTP", null,
                "{\"otp\":\"" + wrong + "\",\"txnId\":\"" + txnId + "\"}");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("errorCode").asString()).isEqualTo("otp.error.wrong");
        assertThat(reply.json().get("error").asString()).contains("4");
    }

    @Test
    void anUnknownTransactionIsRefused() {
        var reply = cowin.post("/api/v2/auth/public/confirmOTP", null,
                "{\"otp\":\"" + sha256("123456") + "\",\"txnId\":\"" + java.util.UUID.randomUUID() + "\"}");
        var malformed = cowin.post("/api/v2/auth/public/confirmOTP", null, "{\"otp\":\"abc\",\"txnId\":\"not-a-uuid\"}");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("errorCode").asString()).isEqualTo("otp.error.expired");
        assertThat(malformed.status()).isEqualTo(400);
    }

    @Test
    void everyProtectedCallWithoutATokenIs401() {
        for (String[] call : PROTECTED) {
            var reply = call(call, null);
            assertThat(reply.status()).as("%s %s", call[0], call[1]).isEqualTo(401);
            assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
            hasFields(reply.json(), "errorCode", JsonNodeType.STRING, "error", JsonNodeType.STRING);
            assertThat(reply.json().get("errorCode").asString()).isEqualTo("cowin.error.unauthenticated");
        }
    }

    @Test
    void everyProtectedCallWithAnExpiredOrForgedTokenIs401() {
        String expired = "Bearer " + BearerTokenFixtures.expiredToken(secrets, CowinFixtures.newMobile());
        String[] parts = tokens.issue(CowinFixtures.newMobile()).split("\\.");
        String forged = "Bearer " + parts[0] + "." + parts[1] + "." + "A".repeat(parts[2].length());
        for (String[] call : PROTECTED) {
            assertThat(call(call, expired).status()).as("expired: %s %s", call[0], call[1]).isEqualTo(401);
            assertThat(call(call, forged).status()).as("forged: %s %s", call[0], call[1]).isEqualTo(401);
            assertThat(call(call, "Bearer nonsense").status()).as("nonsense: %s %s", call[0], call[1]).isEqualTo(401);
        }
    }

    @Test
    void the401IsExplainedInHindiForHiIn() {
        var reply = cowin.inLanguage("hi_IN").get("/api/v2/appointment/beneficiaries");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("error").asString()).contains("साइन इन");
    }

    @Test
    void aCitizenOverTheirQuotaGets429WhicheverAddressTheyCallFrom() {
        String token = fixtures.tokenFor(CowinFixtures.newMobile());
        CowinCalls.Reply reply = null;
        for (int i = 0; i < 1_500; i++) {
            reply = cowin.get("/api/v2/appointment/beneficiaries", token);
            if (reply.status() != 200) {
                break;
            }
        }

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(reply.json().get("errorCode").asString()).isEqualTo("request.error.quota");
        assertThat(cowin.from(CowinFixtures.newAddress()).get("/api/v2/appointment/beneficiaries", token).status()).isEqualTo(429);
        assertThat(cowin.get("/api/v2/appointment/beneficiaries", fixtures.tokenFor(CowinFixtures.newMobile())).status()).isEqualTo(200);
    }

    private CowinCalls.Reply call(String[] call, String bearer) {
        return call[0].equals("GET") ? cowin.get(call[1], bearer) : cowin.post(call[1], bearer, call[2]);
    }

    /** The code as the phone got it: from what the local SMSC received ({@code GET /smsc/messages?mobile=}). */
    private String codeSentTo(String mobile) {
        return new org.teeka.SmscInbox(port).otp(mobile);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
