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
    @Autowired org.teeka.certificate.Certificates certificates;

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

    @Test
    void theCenterManagerCorrectsADoseOnThePersonsPageAndTheCertificateFollows() throws Exception {
        var at = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 10, 10);
        Beneficiary person = at.personBornIn(1981);
        var vaccinatorHttp = new MockHttpSession();
        mvc.perform(post("/staff/center/{c}/lookup", at.center.id()).session(vaccinatorHttp).with(csrf()).with(user(at.vaccinator))
                .param("referenceId", person.referenceId())).andExpect(status().is3xxRedirection());
        mvc.perform(post("/staff/center/{c}/doses", at.center.id()).session(vaccinatorHttp).with(csrf()).with(user(at.vaccinator))
                        .param("eventId", UUID.randomUUID().toString()).param("beneficiaryId", person.id().toString())
                        .param("sessionId", at.session.id().toString()).param("dose", "1")
                        .param("vaccineCode", "COVISHIELD").param("lotNumber", at.lot))
                .andExpect(flash().attribute("outcome", "Dose 1 recorded, lot " + at.lot + "."));
        UUID original = jdbc.sql("select id from dose_records where beneficiary_id = ?").param(person.id()).query(UUID.class).single();
        var oldCertificate = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> certificates.ofDoseRecord(original), java.util.Optional::isPresent).orElseThrow();
        String page = "/staff/center/{c}/people/{b}";

        // the vaccinator sees no correction form, and may not post one
        mvc.perform(get(page, at.center.id(), person.id()).session(vaccinatorHttp).with(user(at.vaccinator)))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.not(containsString("/corrections"))));
        mvc.perform(post("/staff/center/{c}/corrections", at.center.id()).session(vaccinatorHttp).with(csrf()).with(user(at.vaccinator))
                        .param("originalId", original.toString()).param("beneficiaryId", person.id().toString())
                        .param("vaccineCode", "COVAXIN").param("lotNumber", at.covaxinLot).param("reason", "not mine to fix"))
                .andExpect(status().isForbidden());

        var http = new MockHttpSession();
        mvc.perform(post("/staff/center/{c}/lookup", at.center.id()).session(http).with(csrf()).with(user(at.manager))
                .param("referenceId", person.referenceId())).andExpect(status().is3xxRedirection());
        mvc.perform(get(page, at.center.id(), person.id()).session(http).with(user(at.manager)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Correct the record of dose 1")))
                .andExpect(content().string(containsString("value=\"" + at.lot + "\"")));

        String[][] refusals = {
                {"", at.covaxinLot, "Say why the record is corrected (up to 500 characters).", "en"},
                {"x".repeat(501), at.covaxinLot, "Say why the record is corrected (up to 500 characters).", "en"},
                {"Vial was Covaxin", "NOPE-1", "Lot NOPE-1 is not known. Check the number on the vial.", "en"},
                {"Vial was Covaxin", "NOPE-1", "लॉट NOPE-1 ज्ञात नहीं है। शीशी पर लिखा नंबर जाँचें।", "hi"},
                {"Vial was Covaxin", at.lot, "Lot " + at.lot + " is a lot of Covishield. Choose that vaccine or another lot.", "en"},
        };
        for (String[] refusal : refusals) {
            mvc.perform(post("/staff/center/{c}/corrections", at.center.id()).session(http).with(csrf()).with(user(at.manager))
                            .locale(java.util.Locale.forLanguageTag(refusal[3]))
                            .param("originalId", original.toString()).param("beneficiaryId", person.id().toString())
                            .param("vaccineCode", "COVAXIN").param("lotNumber", refusal[1]).param("reason", refusal[0]))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(flash().attribute("refusal", refusal[2]));
        }
        assertThat(jdbc.sql("select count(*) from dose_records where beneficiary_id = ?").param(person.id()).query(Integer.class).single())
                .isEqualTo(1);

        mvc.perform(post("/staff/center/{c}/corrections", at.center.id()).session(http).with(csrf()).with(user(at.manager))
                        .param("originalId", original.toString()).param("beneficiaryId", person.id().toString())
                        .param("vaccineCode", "COVAXIN").param("lotNumber", at.covaxinLot.toLowerCase()).param("reason", "Vial was Covaxin"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("outcome", "Dose 1 corrected, lot " + at.covaxinLot + ". The earlier record is kept in the history."));
        mvc.perform(post("/staff/center/{c}/corrections", at.center.id()).session(http).with(csrf()).with(user(at.manager))
                        .locale(java.util.Locale.forLanguageTag("hi"))
                        .param("originalId", original.toString()).param("beneficiaryId", person.id().toString())
                        .param("vaccineCode", "COVAXIN").param("lotNumber", at.covaxinLot).param("reason", "again"))
                .andExpect(flash().attribute("refusal", org.hamcrest.Matchers.not(org.hamcrest.Matchers.startsWith("vaccination."))))
                .andExpect(flash().attribute("refusal", containsString("\u0938\u0941\u0927\u093e")));

        UUID correction = jdbc.sql("select id from dose_records where corrects_id = ?").param(original).query(UUID.class).single();
        mvc.perform(get(page, at.center.id(), person.id()).session(http).with(user(at.manager)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Dose 1: Covishield lot " + at.lot + " → Covaxin lot " + at.covaxinLot
                        + ", corrected by " + at.manager.displayName() + " on ")))
                .andExpect(content().string(containsString(": Vial was Covaxin")))
                .andExpect(content().string(containsString("value=\"" + at.covaxinLot + "\"")));

        // the certificate follows: the original's is revoked as corrected, the correction gets a new, valid one
        var newCertificate = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> certificates.ofDoseRecord(correction), java.util.Optional::isPresent).orElseThrow();
        var oldVerified = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> certificates.verifyId(oldCertificate.id()),
                        v -> v.outcome() == org.teeka.certificate.Verification.Outcome.REVOKED);
        assertThat(oldVerified.certificate().revokedBy()).isEqualTo(org.teeka.certificate.Certificates.REVOKED_BY_CORRECTION);
        assertThat(oldVerified.certificate().revocationReason()).isEqualTo("corrected");
        var newVerified = certificates.verifyId(newCertificate.id());
        assertThat(newVerified.outcome()).isEqualTo(org.teeka.certificate.Verification.Outcome.VALID);
        assertThat(newVerified.content().lastDose().vaccineCode()).isEqualTo("COVAXIN");
        assertThat(certificates.currentOf(person.id())).map(c -> c.id()).contains(newCertificate.id());
        // issuing again (a redelivered event) changes nothing
        assertThat(certificates.corrected(new DoseCorrected(original, correction, person.id(), 1, "COVAXIN", ConsoleFixtures.today(),
                at.center.id(), "Vial was Covaxin"))).map(c -> c.id()).contains(newCertificate.id());
        assertThat(jdbc.sql("select count(*) from certificates where beneficiary_id = ?").param(person.id()).query(Integer.class).single())
                .isEqualTo(2);
    }
}
