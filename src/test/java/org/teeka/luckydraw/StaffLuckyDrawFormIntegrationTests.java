package org.teeka.luckydraw;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.teeka.IntegrationTest;
import org.teeka.account.StaffAccounts;

import java.time.Clock;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.teeka.Bundles.msg;

/** Bad input on the staff form gets a precise message in the user's language, and writes nothing. */
@IntegrationTest
class StaffLuckyDrawFormIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Test
    void aRangeNotOverIsRefusedInHindiAndNothingIsWritten() throws Exception {
        LocalDate today = LocalDate.now(clock);
        int before = draws();
        mvc.perform(announce("2024-09-01", today.toString(), "1").param("lang", "hi"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(msg("hi", "luckydraw.error.range-not-over", today.toString()))));
        assertThat(draws()).isEqualTo(before);
    }

    @Test
    void zeroWinnersLettersAndMissingDatesAreFieldErrors() throws Exception {
        mvc.perform(announce("", "2024-09-02", "0"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(msg("en", "NotNull"))))
                .andExpect(content().string(containsString(msg("en", "Min", null, 1))));
        mvc.perform(announce("2024-09-01", "2024-09-02", "three"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(msg("en", "typeMismatch.java.lang.Integer"))));
    }

    @Test
    void tooFewCardsNamesHowManyThereAre() throws Exception {
        mvc.perform(announce("2024-09-10", "2024-09-11", "2"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(msg("en", "luckydraw.error.too-few-cards", 0, 2))));
    }

    @Test
    void drawingAnUnknownDrawIsNotFound() throws Exception {
        mvc.perform(post("/staff/lucky-draws/{id}/draw", 987654321L).with(csrf()).with(user(accounts.find("district.prayagraj").orElseThrow())))
                .andExpect(status().isNotFound());
        mvc.perform(get("/lucky-draws/{id}", 987654321L)).andExpect(status().isNotFound())
                .andExpect(content().string(containsString(msg("en", "luckydraw.error.not-found", "987654321"))));
    }

    @Test
    void aCenterManagerMayNotRunDraws() throws Exception {
        mvc.perform(get("/staff/lucky-draws").with(user(accounts.find("manager.prayagraj").orElseThrow())))
                .andExpect(status().isForbidden());
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder announce(String from, String to, String winners) {
        return post("/staff/lucky-draws").with(csrf()).with(user(accounts.find("district.prayagraj").orElseThrow()))
                .param("districtId", "624").param("fromDate", from).param("toDate", to).param("winners", winners);
    }

    private int draws() {
        return jdbc.sql("select count(*) from lucky_draws").query(Integer.class).single();
    }
}
