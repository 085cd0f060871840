package org.teeka.smsc;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.teeka.IntegrationTest;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teeka.Bundles.msg;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class SmscPagesIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    SmscSimulator smsc;

    @AfterEach
    void smscBehavesAgain() {
        smsc.failureModes(SmscFailureModes.NORMAL);
    }

    @Test
    void showsWhereItListensAndWhatItReceivedInEnglishAndHindi() throws Exception {
        for (String lang : new String[]{"en", "hi"}) {
            String html = mvc.perform(get("/smsc").param("lang", lang))
                    .andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();

            var page = Jsoup.parse(html);
            assertThat(page.select("h1").text()).isEqualTo(msg(lang, "smsc.title"));
            String status = msg(lang, "smsc.status");
            assertThat(page.select("p.info").text()).startsWith(status.substring(0, status.indexOf('{')))
                    .contains(Integer.toString(smsc.port()));
            assertThat(page.select("h2").eachText()).contains(msg(lang, "smsc.messages.heading"), msg(lang, "smsc.modes.heading"));
        }
    }

    @Test
    void switchesFailureModesFromItsForm() throws Exception {
        mvc.perform(post("/smsc/failure-modes")
                        .param("down", "true").param("slowMillis", "250").param("rejectPercent", "30")
                        .param("undeliverablePercent", "10").param("noReceipts", "true"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/smsc"));

        assertThat(smsc.failureModes()).isEqualTo(new SmscFailureModes(true, Duration.ofMillis(250), 30, 10, false));
        mvc.perform(get("/smsc/failure-modes"))
                .andExpect(jsonPath("$.down").value(true))
                .andExpect(jsonPath("$.rejectPercent").value(30));

        mvc.perform(post("/smsc/failure-modes")).andExpect(status().is3xxRedirection());

        assertThat(smsc.failureModes()).isEqualTo(SmscFailureModes.NORMAL);
    }

    @Test
    void switchesOneSideOnlyWhenAChannelIsNamed() throws Exception {
        mvc.perform(post("/smsc/failure-modes").param("down", "true").param("channel", "smpp"))
                .andExpect(status().is3xxRedirection());
        assertThat(smsc.failureModes().down()).isTrue();
        assertThat(smsc.httpFailureModes().down()).isFalse();

        mvc.perform(post("/smsc/failure-modes").param("rejectPercent", "20").param("channel", "http"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/smsc/failure-modes").param("channel", "http"))
                .andExpect(jsonPath("$.down").value(false))
                .andExpect(jsonPath("$.rejectPercent").value(20));
        assertThat(smsc.failureModes().down()).as("the SMPP side stays as it was").isTrue();
        mvc.perform(post("/smsc/failure-modes").param("channel", "mail")).andExpect(status().isBadRequest());

        mvc.perform(post("/smsc/failure-modes")).andExpect(status().is3xxRedirection());
        assertThat(smsc.failureModes()).isEqualTo(SmscFailureModes.NORMAL);
        assertThat(smsc.httpFailureModes()).isEqualTo(SmscFailureModes.NORMAL);
    }

    @Test
    void theHttpApiChecksCredentialsAndTheNumberAndAnswersOnlyThisMachine() throws Exception {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("teeka:teeka".getBytes());
        String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString("teeka:nope".getBytes());
        mvc.perform(post("/smsc/http/send").header("Authorization", wrong).param("to", "919876500001").param("text", "x")
                        .param("dlt_entity_id", "1").param("dlt_template_id", "2"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("AUTH_FAILED"));
        mvc.perform(post("/smsc/http/send").header("Authorization", basic).param("to", "12345").param("text", "x")
                        .param("dlt_entity_id", "1").param("dlt_template_id", "2"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_NUMBER"));
        mvc.perform(post("/smsc/http/send").header("Authorization", basic).param("to", "919876500001").param("text", "x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("DLT_MISSING"));
        mvc.perform(post("/smsc/http/send").header("Authorization", basic).param("to", "919876500001").param("text", "x")
                        .param("dlt_entity_id", "1").param("dlt_template_id", "2").param("dlr_url", "http://example.com/dlr"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_DLR_URL"));
        mvc.perform(post("/smsc/http/send").header("Authorization", basic).param("to", "919876500001").param("text", "x")
                        .with(request -> {
                            request.setRemoteAddr("10.20.30.40");
                            return request;
                        }))
                .andExpect(status().isForbidden());
        assertThat(smsc.messagesTo("9876500001", 10)).isEmpty();
    }

    @Test
    void answersOnlyRequestsFromThisMachine() throws Exception {
        mvc.perform(get("/smsc/messages").with(request -> {
                    request.setRemoteAddr("10.20.30.40");
                    return request;
                }))
                .andExpect(status().isForbidden());
        mvc.perform(post("/smsc/failure-modes").param("down", "true").with(request -> {
                    request.setRemoteAddr("192.168.1.9");
                    return request;
                }))
                .andExpect(status().isForbidden());

        assertThat(smsc.failureModes().down()).isFalse();
    }

    @Test
    void refusesAMobileThatIsNotTenDigits() throws Exception {
        mvc.perform(get("/smsc/messages").param("mobile", "98765")).andExpect(status().isBadRequest());
    }
}
