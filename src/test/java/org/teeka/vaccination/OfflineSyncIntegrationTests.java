package org.teeka.vaccination;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.teeka.IntegrationTest;
import org.teeka.account.StaffAccounts;
import org.teeka.account.StaffPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.center.Centers;
import org.teeka.session.Sessions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The sync API and the day list on the real database: per-item answers, bad input, replays racing each other. */
@IntegrationTest
class OfflineSyncIntegrationTests {

    @Autowired MockMvc mvc;
    @Autowired CenterSync sync;
    @Autowired Lots lots;
    @Autowired Beneficiaries beneficiaries;
    @Autowired Centers centers;
    @Autowired Sessions sessions;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;

    ConsoleFixtures at;

    @BeforeEach
    void center() {
        at = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 1000, 100);
    }

    @Test
    void answersEachItemOfABatchOnItsOwn() throws Exception {
        Beneficiary first = at.personBornIn(1985);
        Beneficiary second = at.personBornIn(1985);
        String body = batch("tab-1", item(first, at.lot), item(second, "NO-SUCH-LOT"), item(first, at.otherLot));
        mvc.perform(post("/api/staff/center/sync").with(user(at.vaccinator)).with(csrf()).header("Accept-Language", "hi")
                        .contentType("application/json").content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].outcome").value("ACCEPTED"))
                .andExpect(jsonPath("$.results[1].outcome").value("REFUSED"))
                .andExpect(jsonPath("$.results[1].message").value("लॉट NO-SUCH-LOT ज्ञात नहीं है। शीशी पर लिखा नंबर जाँचें।"))
                .andExpect(jsonPath("$.results[2].outcome").value("CONFLICT"));
        assertThat(jdbc.sql("select device_id from dose_records where beneficiary_id = ?").param(first.id()).query(String.class).single())
                .isEqualTo("tab-1");
        assertThat(jdbc.sql("select count(*) from dose_records where beneficiary_id = ?").param(second.id()).query(Integer.class).single())
                .isZero();
    }

    @Test
    void refusesABatchThatIsNotOneWithAProblemDetail() throws Exception {
        Beneficiary person = at.personBornIn(1985);
        mvc.perform(post("/api/staff/center/sync").with(user(at.vaccinator)).with(csrf()).contentType("application/json")
                        .content("{\"deviceId\": \"tab-1\", \"items\": []}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.code").value("offline.error.no-items"));
        mvc.perform(post("/api/staff/center/sync").with(user(at.vaccinator)).with(csrf()).contentType("application/json")
                        .content(batch("", item(person, at.lot))))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.code").value("offline.error.device-id"));
        String[] tooMany = IntStream.range(0, CenterSync.MAX_BATCH + 1).mapToObj(i -> item(person, at.lot)).toArray(String[]::new);
        mvc.perform(post("/api/staff/center/sync").with(user(at.vaccinator)).with(csrf()).contentType("application/json")
                        .content(batch("tab-1", tooMany)))
                .andExpect(status().isContentTooLarge()).andExpect(jsonPath("$.code").value("offline.error.batch-too-large"));
        mvc.perform(post("/api/staff/center/sync").with(user(at.vaccinator)).with(csrf()).contentType("application/json")
                        .content("{\"deviceId\": \"tab-1\", \"items\": [{\"eventId\": \"not-a-uuid\"}"))
                .andExpect(status().isBadRequest());
        assertThat(jdbc.sql("select count(*) from dose_records where beneficiary_id = ?").param(person.id()).query(Integer.class).single())
                .isZero();
    }

    @Test
    void anotherCentersVaccinatorCannotRecordHere() {
        var elsewhere = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 1000, 100);
        Beneficiary person = at.personBornIn(1985);
        var results = sync.sync("tab-x", List.of(at.dose(person, 1, at.lot)), elsewhere.vaccinator, Locale.ENGLISH);
        assertThat(results).extracting(CenterSync.ItemResult::outcome).containsExactly("REFUSED");
        assertThat(results.getFirst().message()).isEqualTo("This session is not one of your center's.");
    }

    @Test
    void theDayListHoldsHashesNeverTheCodes() throws Exception {
        String json = mvc.perform(get("/api/staff/center/day-list").with(user(at.vaccinator)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<String>read(json, "$.key")).isNotBlank();
        assertThat(json).doesNotContain("securityCode").doesNotContain("referenceId").doesNotContain("mobile");
    }

    /**
     * A device that lost the answer to its upload sends the same batch again while the first is
     * still running, from two connections at once: every dose is written once; each item is
     * Accepted on one connection and Duplicate on the other.
     */
    @Test
    void twoUploadsOfOneBatchAtOnceWriteEachDoseOnce() throws Exception {
        List<Beneficiary> people = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            people.add(at.personBornIn(1985));
        }
        List<DoseEntry> batch = people.stream().map(p -> at.dose(p, 1, at.lot)).toList();
        var barrier = new CyclicBarrier(2);
        List<Future<List<CenterSync.ItemResult>>> uploads = new ArrayList<>();
        try (var threads = Executors.newFixedThreadPool(2)) {
            for (StaffPrincipal by : List.of(at.vaccinator, at.vaccinator)) {
                uploads.add(threads.submit(() -> {
                    barrier.await();
                    return sync.sync("tab-race", batch, by, Locale.ENGLISH);
                }));
            }
            var first = uploads.get(0).get();
            var second = uploads.get(1).get();
            for (int i = 0; i < batch.size(); i++) {
                assertThat(List.of(first.get(i).outcome(), second.get(i).outcome())).as("item %d", i)
                        .containsExactlyInAnyOrder("ACCEPTED", "DUPLICATE");
            }
        }
        UUID[] ids = people.stream().map(Beneficiary::id).toArray(UUID[]::new);
        assertThat(jdbc.sql("select count(*) from dose_records where beneficiary_id = any(?)").param(ids).query(Integer.class).single())
                .isEqualTo(20);
    }

    /**
     * A walk-in recorded offline: registered, booked and vaccinated once; the same batch again answers
     * Duplicate and adds no person or booking; a walk-in for a session with no place left is refused
     * with the reason and leaves nothing behind (no person registered).
     */
    @Test
    void aWalkInIsRegisteredBookedAndRecordedOnceAndRefusedWhenTheSessionIsFull() throws Exception {
        var small = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 1, 1, true);
        String name = "Offline Walk In " + UUID.randomUUID().toString().substring(0, 8);
        String body = batch("tab-w", walkIn(small, name, ""));
        for (String expected : List.of("ACCEPTED", "DUPLICATE")) {
            mvc.perform(post("/api/staff/center/sync").with(user(small.vaccinator)).with(csrf()).contentType("application/json").content(body))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.results[0].outcome").value(expected));
        }
        assertThat(jdbc.sql("select count(*) from beneficiaries where name = ?").param(name).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from appointments where session_id = ? and status = 'VACCINATED' and source = 'WALK_IN'")
                .param(small.session.id()).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from dose_records where session_id = ?").param(small.session.id()).query(Integer.class).single())
                .isEqualTo(1);

        String late = name + " late";
        mvc.perform(post("/api/staff/center/sync").with(user(small.vaccinator)).with(csrf()).contentType("application/json")
                        .content(batch("tab-w", walkIn(small, late, ConsoleFixtures.newMobile()))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.results[0].outcome").value("REFUSED"))
                .andExpect(jsonPath("$.results[0].message")
                        .value("This session is fully booked for this dose. Choose another session or join the waitlist."));
        assertThat(jdbc.sql("select count(*) from beneficiaries where name = ?").param(late).query(Integer.class).single()).isZero();
        mvc.perform(post("/api/staff/center/sync").with(user(small.vaccinator)).with(csrf()).contentType("application/json")
                        .content(batch("tab-w", walkIn(small, "", ""))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.results[0].outcome").value("REFUSED"));
    }

    /** Two uploads of one walk-in at once: one person, one booking, one dose; Accepted on one connection, Duplicate on the other. */
    @Test
    void twoUploadsOfOneWalkInAtOnceRegisterOnePerson() throws Exception {
        var roomy = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 10, 10, true);
        String name = "Offline Walk In " + UUID.randomUUID().toString().substring(0, 8);
        var item = new CenterSync.WalkIn(UUID.randomUUID(), name, 1990, "FEMALE", null, "VOTER_ID", voterId(), 1, "COVISHIELD",
                roomy.lot, roomy.session.id(), Instant.now());
        var barrier = new CyclicBarrier(2);
        try (var threads = Executors.newFixedThreadPool(2)) {
            List<Future<CenterSync.ItemResult>> uploads = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                uploads.add(threads.submit(() -> {
                    barrier.await();
                    return sync.walkIn("tab-race", item, roomy.vaccinator, Locale.ENGLISH);
                }));
            }
            assertThat(List.of(uploads.get(0).get().outcome(), uploads.get(1).get().outcome())).containsExactlyInAnyOrder("ACCEPTED", "DUPLICATE");
        }
        assertThat(jdbc.sql("select count(*) from beneficiaries where name = ?").param(name).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from appointments where session_id = ?").param(roomy.session.id()).query(Integer.class).single())
                .isEqualTo(1);
    }

    private static String voterId() {
        return "TKW" + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000L));
    }

    private static String walkIn(ConsoleFixtures at, String name, String mobile) {
        return """
                {"kind": "walk-in", "eventId": "%s", "name": "%s", "birthYear": 1988, "gender": "MALE", "mobile": "%s",
                 "idType": "VOTER_ID", "idNumber": "%s", "dose": 1, "vaccineCode": "COVISHIELD", "lotNumber": "%s",
                 "sessionId": "%s", "administeredAt": "%s"}""".formatted(UUID.randomUUID(), name, mobile, voterId(), at.lot,
                at.session.id(), Instant.now());
    }

    private String item(Beneficiary person, String lot) {
        return """
                {"eventId": "%s", "beneficiaryId": "%s", "dose": 1, "vaccineCode": "COVISHIELD", "lotNumber": "%s",
                 "sessionId": "%s", "administeredAt": "%s"}""".formatted(UUID.randomUUID(), person.id(), lot, at.session.id(), Instant.now());
    }

    private static String batch(String deviceId, String... items) {
        return "{\"deviceId\": \"" + deviceId + "\", \"items\": [" + String.join(",", items) + "]}";
    }

}
