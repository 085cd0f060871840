package org.teeka.account;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.teeka.IntegrationTest;
import org.teeka.platform.TooManyRequestsException;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class OtpLoginIntegrationTests {

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    private static final AtomicLong MOBILES = new AtomicLong(8_100_000_000L + System.nanoTime() % 1_000_000);

    @Autowired
    OtpLogin otp;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Test
    void sendsASixDigitCodeBySmsAndKeepsOnlyItsHash() {
        String mobile = newMobile();
        UUID transaction = otp.send(mobile, "10.0.0.1", Locale.ENGLISH);

        String code = codeSentTo(mobile);
        assertThat(code).matches("[0-9]{6}");
        String stored = jdbc.sql("select code_hash from otp_challenges where id = ?").param(transaction).query(String.class).single();
        assertThat(stored).doesNotContain(code).hasSize(64);
        assertThat(otp.confirmDigits(transaction, code)).isEqualTo(mobile);
    }

    @Test
    void acceptsTheCodeAsItsSha256AsCowinClientsSendIt() {
        String mobile = newMobile();
        UUID transaction = otp.send(mobile, "10.0.0.1", Locale.ENGLISH);

        assertThat(otp.confirm(transaction, OtpLogin.sha256(codeSentTo(mobile)).toUpperCase(Locale.ROOT))).isEqualTo(mobile);
    }

    @Test
    void aCodeWorksOnlyOnce() {
        String mobile = newMobile();
        UUID transaction = otp.send(mobile, "10.0.0.1", Locale.ENGLISH);
        String code = codeSentTo(mobile);
        otp.confirmDigits(transaction, code);

        assertThatThrownBy(() -> otp.confirmDigits(transaction, code)).hasMessageContaining("otp.error.expired");
    }

    @Test
    void theRightCodeSentManyTimesAtOnceSignsInOnce() throws Exception {
        String mobile = newMobile();
        UUID transaction = otp.send(mobile, "10.0.0.1", Locale.ENGLISH);
        String code = codeSentTo(mobile);
        var start = new java.util.concurrent.CountDownLatch(1);
        var signedIn = new java.util.concurrent.atomic.AtomicInteger();
        var refused = new java.util.concurrent.atomic.AtomicInteger();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                threads.submit(() -> {
                    start.await();
                    try {
                        otp.confirmDigits(transaction, code);
                        signedIn.incrementAndGet();
                    } catch (OtpRefusedException expired) {
                        refused.incrementAndGet();
                    }
                    return null;
                });
            }
            start.countDown();
        }

        assertThat(signedIn).hasValue(1);
        assertThat(refused).hasValue(19);
    }

    @Test
    void fiveWrongGuessesEndTheCodeEvenForTheRightOne() {
        String mobile = newMobile();
        UUID transaction = otp.send(mobile, "10.0.0.1", Locale.ENGLISH);
        String code = codeSentTo(mobile);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int left = 4; left >= 1; left--) {
            assertThatThrownBy(() -> otp.confirmDigits(transaction, wrong)).hasMessageContaining("otp.error.wrong");
        }
        assertThatThrownBy(() -> otp.confirmDigits(transaction, wrong)).hasMessageContaining("otp.error.expired");

        assertThatThrownBy(() -> otp.confirmDigits(transaction, code)).hasMessageContaining("otp.error.expired");
    }

    @Test
    void anExpiredCodeIsRefused() {
        String mobile = newMobile();
        UUID transaction = otp.send(mobile, "10.0.0.1", Locale.ENGLISH);
        jdbc.sql("update otp_challenges set expires_at = now() - interval '1 second' where id = ?").param(transaction).update();

        assertThatThrownBy(() -> otp.confirmDigits(transaction, codeSentTo(mobile))).hasMessageContaining("otp.error.expired");
    }

    @Test
    void aSecondCodeWithinTheCooldownIsRefusedWithRetryAfter() {
        String mobile = newMobile();
        otp.send(mobile, "10.0.0.1", Locale.ENGLISH);

        assertThatThrownBy(() -> otp.send(mobile, "10.0.0.1", Locale.ENGLISH))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> assertThat(e.retryAfter().toSeconds()).isBetween(1L, 60L));
    }

    @Test
    void capsTheCodesOneAddressMayAskFor() {
        String address = "10.9." + (MOBILES.get() % 250) + ".7";
        jdbc.sql("""
                        insert into otp_challenges (id, mobile, code_hash, expires_at, client_ip)
                        select gen_random_uuid(), '9000000000', 'x', now(), ? from generate_series(1, 200)""")
                .param(address).update();

        assertThatThrownBy(() -> otp.send(newMobile(), address, Locale.ENGLISH)).hasMessageContaining("otp.error.daily-limit");
    }

    @Test
    void theSmsGoesOutInHindiWhenAskedInHindi() {
        String mobile = newMobile();
        otp.send(mobile, "10.0.0.1", Locale.forLanguageTag("hi"));

        assertThat(jdbc.sql("select text from outbox_messages where mobile = ? and template = 'sms.otp'").param(mobile)
                .query(String.class).single()).contains("टीका साइन-इन कोड");
    }

    @Test
    void signsInThroughThePagesWithANewSessionId() throws Exception {
        String mobile = newMobile();
        var before = mvc.perform(post("/citizen/login").with(csrf()).param("mobile", "+91 " + mobile))
                .andExpect(redirectedUrl("/citizen/otp")).andReturn();
        var session = (org.springframework.mock.web.MockHttpSession) before.getRequest().getSession();
        String idBefore = session.getId();

        mvc.perform(get("/citizen/otp").session(session)).andExpect(content().string(org.hamcrest.Matchers.containsString("XXXXXX" + mobile.substring(6))));
        var after = mvc.perform(post("/citizen/otp").session(session).with(csrf()).param("code", codeSentTo(mobile)))
                .andExpect(redirectedUrl("/citizen")).andReturn();

        assertThat(after.getRequest().getSession().getId()).isNotEqualTo(idBefore);
    }

    @Test
    void aWrongCodeOnThePageSaysHowManyTriesAreLeft() throws Exception {
        String mobile = newMobile();
        var session = (org.springframework.mock.web.MockHttpSession) mvc.perform(post("/citizen/login").with(csrf()).param("mobile", mobile))
                .andReturn().getRequest().getSession();
        String wrong = codeSentTo(mobile).equals("000000") ? "111111" : "000000";

        mvc.perform(post("/citizen/otp").session(session).with(csrf()).param("code", wrong).header("Accept-Language", "hi"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("4 प्रयास बाकी हैं")));
    }

    @Test
    void anInvalidMobileOnThePageIsExplained() throws Exception {
        mvc.perform(post("/citizen/login").with(csrf()).param("mobile", "12345"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Enter a 10-digit mobile number")));
    }

    @Test
    void aSecondCodeTooSoonOnThePageIsA429WithRetryAfter() throws Exception {
        String mobile = newMobile();
        mvc.perform(post("/citizen/login").with(csrf()).param("mobile", mobile)).andExpect(redirectedUrl("/citizen/otp"));

        mvc.perform(post("/citizen/login").with(csrf()).param("mobile", mobile))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"));
    }

    /** The code as the phone got it: from what the local SMSC received ({@code GET /smsc/messages?mobile=}). */
    private String codeSentTo(String mobile) {
        return new org.teeka.SmscInbox(port).otp(mobile);
    }

    private static String newMobile() {
        return String.valueOf(MOBILES.incrementAndGet());
    }
}
