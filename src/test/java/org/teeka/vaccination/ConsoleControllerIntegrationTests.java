package org.teeka.vaccination;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.teeka.IntegrationTest;
import org.teeka.account.StaffAccounts;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.center.Centers;
import org.teeka.session.Sessions;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The console's forms over HTTP: a double submission, and a person's page without a lookup. */
@IntegrationTest
class ConsoleControllerIntegrationTests {

    @Autowired MockMvc mvc;
    @Autowired Lots lots;
    @Autowired Beneficiaries beneficiaries;
    @Autowired Centers centers;
    @Autowired Sessions sessions;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;

    @Test
    void aDoubleSubmittedDoseFormRecordsOnceAndSaysSo() throws Exception {
        var at = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 10, 10);
        Beneficiary person = at.personBornIn(1980);
        var http = new MockHttpSession();
        mvc.perform(post("/staff/center/{c}/lookup", at.center.id()).session(http).with(csrf()).with(user(at.vaccinator))
                        .param("referenceId", person.referenceId()))
                .andExpect(status().is3xxRedirection());
        String eventId = UUID.randomUUID().toString();

        for (String expected : new String[] {"Dose 1 recorded, lot " + at.lot + ".", "Dose 1 was already recorded; nothing was recorded twice."}) {
            mvc.perform(post("/staff/center/{c}/doses", at.center.id()).session(http).with(csrf()).with(user(at.vaccinator))
                            .param("eventId", eventId).param("beneficiaryId", person.id().toString())
                            .param("sessionId", at.session.id().toString()).param("dose", "1")
                            .param("vaccineCode", "COVISHIELD").param("lotNumber", at.lot))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(flash().attribute("outcome", expected));
        }
        assertThat(jdbc.sql("select count(*) from dose_records where beneficiary_id = ?").param(person.id()).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void theConsoleAndTheOfflineConsoleLinkToEachOther() throws Exception {
        var at = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 10, 10);
        mvc.perform(get("/staff/center/{c}", at.center.id()).with(user(at.vaccinator)).param("lang", "hi")).andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/staff/center/offline\"")))
                .andExpect(content().string(containsString("इस उपकरण पर बिना कनेक्शन के काम करें")));
        mvc.perform(get("/staff/center/offline").with(user(at.vaccinator))).andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/staff/center/" + at.center.id() + "\"")))
                .andExpect(content().string(containsString("Back to the center console")));
    }

    @Test
    void aPersonsPageOpensOnlyAfterALookup() throws Exception {
        var at = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 10, 10);
        Beneficiary person = at.personBornIn(1980);

        mvc.perform(get("/staff/center/{c}/people/{b}", at.center.id(), person.id()).with(user(at.vaccinator)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/staff/center/{c}/doses", at.center.id()).with(csrf()).with(user(at.vaccinator))
                        .param("eventId", UUID.randomUUID().toString()).param("beneficiaryId", person.id().toString())
                        .param("sessionId", at.session.id().toString()).param("dose", "1")
                        .param("vaccineCode", "COVISHIELD").param("lotNumber", at.lot))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from dose_records where beneficiary_id = ?").param(person.id()).query(Integer.class).single())
                .isZero();
    }

    @Test
    void registersAWalkInWithoutAPhoneThroughTheFormAndShowsFieldErrors() throws Exception {
        var at = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 10, 10, true);
        var http = new MockHttpSession();
        mvc.perform(get("/staff/center/{c}/walk-in", at.center.id()).session(http).with(user(at.vaccinator)))
                .andExpect(status().isOk());
        mvc.perform(post("/staff/center/{c}/walk-in", at.center.id()).session(http).with(csrf()).with(user(at.vaccinator))
                        .param("name", "Form Walk In").param("birthYear", "1970").param("gender", "FEMALE")
                        .param("idType", "VOTER_ID").param("idNumber", "TKF" + (System.nanoTime() % 9_000_000L + 1_000_000L))
                        .param("pincode", "211001").param("mobile", "12345").param("sessionId", at.session.id().toString()))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.model().attributeHasFieldErrors("form", "mobile"));

        String location = mvc.perform(post("/staff/center/{c}/walk-in", at.center.id()).session(http).with(csrf()).with(user(at.vaccinator))
                        .param("name", "Form Walk In").param("birthYear", "1970").param("gender", "FEMALE")
                        .param("idType", "VOTER_ID").param("idNumber", "TKF" + (System.nanoTime() % 9_000_000L + 1_000_000L))
                        .param("pincode", "211001").param("mobile", "").param("sessionId", at.session.id().toString()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();

        assertThat(location).contains("/people/");
        mvc.perform(get(location).session(http).with(user(at.vaccinator))).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("No phone")));
        mvc.perform(get("/staff/center/{c}/conflicts", at.center.id()).with(user(at.manager))).andExpect(status().isOk());
        mvc.perform(get("/staff/center/{c}/conflicts", at.center.id()).with(user(at.vaccinator))).andExpect(status().isForbidden());
    }
}
