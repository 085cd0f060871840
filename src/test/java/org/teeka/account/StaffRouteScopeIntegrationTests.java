package org.teeka.account;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.teeka.IntegrationTest;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A district admin sees and changes only their own district: every staff route is exercised by
 * Prayagraj's district admin against Raipur's data, and nothing outside Prayagraj is shown or written.
 * The first test fails when a staff route is added without a case here.
 */
@IntegrationTest
class StaffRouteScopeIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    org.teeka.beneficiary.BeneficiaryLists lists;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private StaffPrincipal prayagrajAdmin;
    private int raipurCenter;
    private String raipurCenterName;
    private final LocalDate today = LocalDate.now(ZoneId.of("Asia/Kolkata"));

    /** Each staff route, and the check that Prayagraj's admin cannot reach Raipur through it. */
    private Map<String, Check> cases() {
        var cases = new LinkedHashMap<String, Check>();
        cases.put("GET /staff", () -> mvc.perform(get("/staff").with(user(prayagrajAdmin))).andExpect(status().is3xxRedirection()));
        cases.put("GET /staff/sessions", this::dayViewShowsOnlyPrayagraj);
        cases.put("GET /api/staff/sessions", this::sessionApiReturnsOnlyPrayagraj);
        cases.put("GET /staff/centers", this::centerListShowsOnlyPrayagraj);
        cases.put("GET /staff/centers/{id}", () -> forbidden(get("/staff/centers/{id}", raipurCenter)));
        cases.put("GET /staff/centers/new", () -> ok(get("/staff/centers/new")));
        cases.put("POST /staff/centers/new", this::cannotCreateACenterInRaipur);
        cases.put("GET /staff/centers/{id}/edit", () -> forbidden(get("/staff/centers/{id}/edit", raipurCenter)));
        cases.put("POST /staff/centers/{id}/edit", this::cannotChangeARaipurCenter);
        cases.put("GET /staff/centers/{centerId}/sessions", () -> forbidden(get("/staff/centers/{id}/sessions", raipurCenter)));
        cases.put("GET /staff/centers/{centerId}/sessions/new", () -> forbidden(get("/staff/centers/{id}/sessions/new", raipurCenter)));
        cases.put("POST /staff/centers/{centerId}/sessions/new", this::cannotPlanSessionsInRaipur);
        cases.put("GET /staff/cold-chain", this::coldChainShowsOnlyPrayagraj);
        cases.put("GET /staff/cold-chain/new", () -> ok(get("/staff/cold-chain/new")));
        cases.put("POST /staff/cold-chain/new", this::cannotAddAColdChainPointInRaipur);
        cases.put("GET /staff/vaccines", () -> ok(get("/staff/vaccines")));
        cases.put("GET /staff/vaccines/{code}/edit", () -> forbidden(get("/staff/vaccines/COVAXIN/edit")));
        cases.put("POST /staff/vaccines/{code}/edit", this::cannotEditTheVaccineCatalogue);
        cases.put("GET /staff/users", this::staffListShowsOnlyPrayagraj);
        cases.put("GET /staff/users/new", () -> ok(get("/staff/users/new")));
        cases.put("POST /staff/users/new", this::cannotAppointStaffInRaipur);
        cases.put("GET /staff/lists", this::beneficiaryListsShowOnlyPrayagraj);
        cases.put("GET /staff/lists/new", this::uploadFormOffersOnlyPrayagrajCenters);
        cases.put("POST /staff/lists/new", this::cannotImportAListIntoRaipur);
        cases.put("GET /staff/lists/{id}", () -> forbidden(get("/staff/lists/{id}", raipurList())));
        cases.put("GET /staff/lists/{id}/report", () -> forbidden(get("/staff/lists/{id}/report", raipurList())));
        cases.put("GET /staff/messages", this::messageSearchShowsNothingOfRaipur);
        cases.put("GET /staff/messages/rates", this::deliveryRatesShowOnlyPrayagraj);
        cases.put("GET /staff/messages/dead", this::deadLettersShowNothingOfRaipur);
        cases.put("POST /staff/messages/dead/retry", this::cannotRetryRaipursDeadLetters);
        cases.put("GET /staff/messages/call-list", () -> forbidden(get("/staff/messages/call-list")
                .param("centerId", String.valueOf(raipurCenter)).param("date", today.toString())));
        cases.put("GET /staff/messages/call-list.csv", () -> forbidden(get("/staff/messages/call-list.csv")
                .param("centerId", String.valueOf(raipurCenter)).param("date", today.toString())));
        cases.put("GET /staff/lucky-draws", this::luckyDrawsShowOnlyPrayagraj);
        cases.put("POST /staff/lucky-draws", this::cannotAnnounceADrawInRaipur);
        cases.put("POST /staff/lucky-draws/{id}/draw", this::cannotMakeRaipursDraw);
        cases.put("GET /staff/certificates", () -> forbidden(get("/staff/certificates").param("id", raipurCertificate())));
        cases.put("POST /staff/certificates/{id}/revoke", this::cannotRevokeARaipurCertificate);
        cases.put("GET /staff/center", () -> mvc.perform(get("/staff/center").with(user(prayagrajAdmin))).andExpect(status().is3xxRedirection()));
        cases.put("GET /staff/center/{centerId}", () -> forbidden(get("/staff/center/{id}", raipurCenter)));
        cases.put("POST /staff/center/{centerId}/lookup", this::cannotLookUpAtARaipurCenter);
        cases.put("GET /staff/center/{centerId}/people/{beneficiaryId}",
                () -> forbidden(get("/staff/center/{id}/people/{b}", raipurCenter, java.util.UUID.randomUUID())));
        cases.put("POST /staff/center/{centerId}/check-in",
                () -> forbidden(post("/staff/center/{id}/check-in", raipurCenter).with(csrf()).param("appointmentId", java.util.UUID.randomUUID().toString())));
        cases.put("POST /staff/center/{centerId}/doses", this::cannotRecordADoseAtARaipurCenter);
        cases.put("POST /staff/center/{centerId}/corrections", this::cannotCorrectADoseAtARaipurCenter);
        cases.put("GET /staff/center/{centerId}/walk-in", () -> forbidden(get("/staff/center/{id}/walk-in", raipurCenter)));
        cases.put("POST /staff/center/{centerId}/walk-in", this::cannotRegisterAWalkInAtARaipurCenter);
        cases.put("POST /staff/center/{centerId}/no-shows",
                () -> forbidden(post("/staff/center/{id}/no-shows", raipurCenter).with(csrf()).param("sessionId", java.util.UUID.randomUUID().toString())));
        cases.put("GET /staff/center/{centerId}/conflicts", () -> forbidden(get("/staff/center/{id}/conflicts", raipurCenter)));
        cases.put("GET /staff/alerts", this::alertsShowOnlyPrayagraj);
        // offline center mode: only a center's own staff; an admin of a district has no center's list, sync or conflicts
        cases.put("GET /staff/center/offline", () -> forbidden(get("/staff/center/offline")));
        cases.put("GET /api/staff/center/day-list", () -> forbidden(get("/api/staff/center/day-list")));
        cases.put("GET /staff/center/register", () -> forbidden(get("/staff/center/register")));
        cases.put("POST /staff/center/register", () -> mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .multipart("/staff/center/register").file(new org.springframework.mock.web.MockMultipartFile("file", "r.csv", "text/csv",
                        "reference_id,dose,lot_number,date,time\n".getBytes())).with(csrf()).with(user(prayagrajAdmin)))
                .andExpect(status().isForbidden()));
        cases.put("GET /staff/center/register/{id}", () -> forbidden(get("/staff/center/register/{id}", java.util.UUID.randomUUID())));
        cases.put("GET /staff/center/register/{id}/report", () -> forbidden(get("/staff/center/register/{id}/report", java.util.UUID.randomUUID())));
        cases.put("POST /api/staff/center/sync", () -> forbidden(post("/api/staff/center/sync").with(csrf())
                .contentType("application/json").content("""
                        {"deviceId": "scope-test", "items": [{"eventId": "%s", "beneficiaryId": "%s", "dose": 1, "vaccineCode": "COVAXIN",
                         "lotNumber": "X-1", "sessionId": "%s", "administeredAt": "2026-01-01T10:00:00Z"}]}"""
                        .formatted(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), java.util.UUID.randomUUID()))));
        return cases;
    }

    private void cannotLookUpAtARaipurCenter() throws Exception {
        int before = count("select count(*) from staff_lookups");
        forbidden(post("/staff/center/{id}/lookup", raipurCenter).with(csrf()).param("referenceId", "12345678901234"));
        assertThat(count("select count(*) from staff_lookups")).isEqualTo(before);
    }

    private void cannotRecordADoseAtARaipurCenter() throws Exception {
        int before = count("select count(*) from dose_records");
        String session = jdbc.sql("select cast(id as text) from sessions where center_id = ? limit 1").param(raipurCenter).query(String.class).single();
        forbidden(post("/staff/center/{id}/doses", raipurCenter).with(csrf()).param("eventId", java.util.UUID.randomUUID().toString())
                .param("beneficiaryId", java.util.UUID.randomUUID().toString()).param("sessionId", session)
                .param("dose", "1").param("vaccineCode", "COVAXIN").param("lotNumber", "CVX-2026-001"));
        assertThat(count("select count(*) from dose_records")).isEqualTo(before);
    }

    private void cannotCorrectADoseAtARaipurCenter() throws Exception {
        int before = count("select count(*) from dose_records");
        forbidden(post("/staff/center/{id}/corrections", raipurCenter).with(csrf()).param("originalId", java.util.UUID.randomUUID().toString())
                .param("beneficiaryId", java.util.UUID.randomUUID().toString()).param("vaccineCode", "COVAXIN")
                .param("lotNumber", "CVX-2026-001").param("reason", "scope test"));
        assertThat(count("select count(*) from dose_records")).isEqualTo(before);
    }

    private void cannotRegisterAWalkInAtARaipurCenter() throws Exception {
        int before = count("select count(*) from beneficiaries");
        String session = jdbc.sql("select cast(id as text) from sessions where center_id = ? limit 1").param(raipurCenter).query(String.class).single();
        forbidden(post("/staff/center/{id}/walk-in", raipurCenter).with(csrf()).param("name", "Scope Walk In").param("birthYear", "1990")
                .param("gender", "MALE").param("idType", "VOTER_ID").param("idNumber", "TKW1234567").param("pincode", "492001")
                .param("sessionId", session));
        assertThat(count("select count(*) from beneficiaries")).isEqualTo(before);
    }

    private void alertsShowOnlyPrayagraj() throws Exception {
        StaffPrincipal raipurAdmin = accounts.find("district.raipur").orElseThrow();
        jdbc.sql("""
                        insert into staff_alerts (kind, staff_id, username, display_name, state_id, district_id, window_name, window_start)
                        values ('LOOKUP_QUOTA', ?, 'district.raipur', 'Raipur Scope Alert', 7, 109, 'SHORT', now())
                        on conflict do nothing""").param(raipurAdmin.id()).update();
        mvc.perform(get("/staff/alerts").with(user(prayagrajAdmin)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Raipur Scope Alert"))));
    }

    @BeforeEach
    void setUp() {
        prayagrajAdmin = accounts.find("district.prayagraj").orElseThrow();
        raipurCenter = jdbc.sql("select min(id) from centers where district_id = 109").query(Integer.class).single();
        raipurCenterName = jdbc.sql("select name from centers where id = ?").param(raipurCenter).query(String.class).single();
    }

    @Test
    void everyStaffRouteHasAScopeCase() {
        Set<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().forEach(pattern -> {
            if ((pattern.startsWith("/staff") || pattern.startsWith("/api/staff")) && !pattern.equals("/staff/login")) {
                info.getMethodsCondition().getMethods().forEach(method -> routes.add(method + " " + pattern));
            }
        }));
        assertThat(routes).containsExactlyInAnyOrderElementsOf(cases().keySet());
    }

    @Test
    void aDistrictAdminReachesNothingOutsideTheirDistrict() throws Exception {
        for (var entry : cases().entrySet()) {
            try {
                entry.getValue().run();
            } catch (AssertionError e) {
                throw new AssertionError(entry.getKey() + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void aCenterManagerReachesNoOtherCenterOfTheirDistrict() throws Exception {
        StaffPrincipal manager = accounts.find("manager.prayagraj").orElseThrow();
        int otherCenter = jdbc.sql("select max(id) from centers where district_id = 624").query(Integer.class).single();
        assertThat(otherCenter).isNotEqualTo(manager.scope().centerId());
        mvc.perform(get("/staff/centers/{id}", otherCenter).with(user(manager))).andExpect(status().isForbidden());
        mvc.perform(get("/staff/centers/{id}/sessions", otherCenter).with(user(manager))).andExpect(status().isForbidden());
        mvc.perform(get("/staff/centers/{id}", manager.scope().centerId()).with(user(manager))).andExpect(status().isOk());
    }

    @Test
    void aStateAdminReachesNoOtherState() throws Exception {
        StaffPrincipal uttarPradesh = accounts.find("state.up").orElseThrow();
        mvc.perform(get("/staff/centers/{id}", raipurCenter).with(user(uttarPradesh))).andExpect(status().isForbidden());
        mvc.perform(get("/staff/centers").with(user(uttarPradesh)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(raipurCenterName))));
    }

    private void dayViewShowsOnlyPrayagraj() throws Exception {
        mvc.perform(get("/staff/sessions").param("date", today.toString()).with(user(prayagrajAdmin)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Beli")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(raipurCenterName))));
    }

    private void sessionApiReturnsOnlyPrayagraj() throws Exception {
        String json = mvc.perform(get("/api/staff/sessions").param("date", today.toString()).with(user(prayagrajAdmin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        var districts = com.jayway.jsonpath.JsonPath.<java.util.List<Integer>>read(json, "$[*].districtId");
        assertThat(districts).isNotEmpty().containsOnly(624);
    }

    private void centerListShowsOnlyPrayagraj() throws Exception {
        mvc.perform(get("/staff/centers").with(user(prayagrajAdmin)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Swaroop Rani Nehru Hospital")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(raipurCenterName))));
    }

    private void coldChainShowsOnlyPrayagraj() throws Exception {
        mvc.perform(get("/staff/cold-chain").with(user(prayagrajAdmin)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Prayagraj District Vaccine Store")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Raipur District Vaccine Store"))));
    }

    private void cannotCreateACenterInRaipur() throws Exception {
        int before = count("select count(*) from centers");
        forbidden(post("/staff/centers/new").with(csrf()).params(centerForm(109, "Scope Test Center")));
        assertThat(count("select count(*) from centers")).isEqualTo(before);
    }

    private void cannotChangeARaipurCenter() throws Exception {
        forbidden(post("/staff/centers/{id}/edit", raipurCenter).with(csrf()).params(centerForm(624, "Moved To Prayagraj")));
        assertThat(jdbc.sql("select name from centers where id = ?").param(raipurCenter).query(String.class).single())
                .isEqualTo(raipurCenterName);
    }

    private void cannotPlanSessionsInRaipur() throws Exception {
        int before = count("select count(*) from sessions where center_id = " + raipurCenter);
        forbidden(post("/staff/centers/{id}/sessions/new", raipurCenter).with(csrf())
                .param("vaccineCode", "CORBEVAX").param("fromDate", today.plusDays(20).toString())
                .param("toDate", today.plusDays(25).toString()).param("days", "MONDAY", "TUESDAY")
                .param("minAge", "12").param("dose1Capacity", "50").param("dose2Capacity", "0")
                .param("startTime", "09:00").param("endTime", "13:00").param("slotMinutes", "60"));
        assertThat(count("select count(*) from sessions where center_id = " + raipurCenter)).isEqualTo(before);
    }

    private void cannotAddAColdChainPointInRaipur() throws Exception {
        int before = count("select count(*) from cold_chain_points");
        forbidden(post("/staff/cold-chain/new").with(csrf())
                .param("kind", "DISTRICT_STORE").param("name", "Scope Test Store").param("districtId", "109"));
        assertThat(count("select count(*) from cold_chain_points")).isEqualTo(before);
    }

    private void cannotEditTheVaccineCatalogue() throws Exception {
        forbidden(post("/staff/vaccines/COVAXIN/edit").with(csrf())
                .param("doses", "3").param("minIntervalDays", "10").param("minAge", "5"));
        assertThat(count("select doses from vaccines where code = 'COVAXIN'")).isEqualTo(2);
    }

    private void staffListShowsOnlyPrayagraj() throws Exception {
        mvc.perform(get("/staff/users").with(user(prayagrajAdmin)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("vaccinator.prayagraj")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("district.raipur"))));
    }

    private void cannotAppointStaffInRaipur() throws Exception {
        int before = count("select count(*) from staff_users");
        forbidden(post("/staff/users/new").with(csrf()).param("username", "scope.vaccinator").param("displayName", "Scope Test")
                .param("password", "long-enough-password").param("role", "VACCINATOR").param("centerId", String.valueOf(raipurCenter)));
        forbidden(post("/staff/users/new").with(csrf()).param("username", "scope.admin").param("displayName", "Scope Test")
                .param("password", "long-enough-password").param("role", "DISTRICT_ADMIN").param("districtId", "624"));
        assertThat(count("select count(*) from staff_users")).isEqualTo(before);
    }

    private void beneficiaryListsShowOnlyPrayagraj() throws Exception {
        raipurList();
        mvc.perform(get("/staff/lists").with(user(prayagrajAdmin)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(RAIPUR_LIST))));
    }

    private void uploadFormOffersOnlyPrayagrajCenters() throws Exception {
        mvc.perform(get("/staff/lists/new").param("districtId", "109").with(user(prayagrajAdmin)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Swaroop Rani Nehru Hospital")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(raipurCenterName))));
    }

    private void cannotImportAListIntoRaipur() throws Exception {
        int before = count("select count(*) from beneficiary_imports");
        String mobile = "7" + String.format("%09d", java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000L));
        byte[] list = ("name,mobile,birth_year,gender,id_type,id_number,category\r\nScope Person," + mobile
                + ",1985,F,Voter ID,TKS1234567,General\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/staff/lists/new")
                        .file(new org.springframework.mock.web.MockMultipartFile("file", "scope.csv", "text/csv", list))
                        .param("districtId", "109").param("centerIds", String.valueOf(raipurCenter))
                        .with(csrf()).with(user(prayagrajAdmin)))
                .andExpect(status().isForbidden());
        assertThat(count("select count(*) from beneficiary_imports")).isEqualTo(before);
        assertThat(count("select count(*) from beneficiaries where mobile = '" + mobile + "'")).isZero();
    }

    private void messageSearchShowsNothingOfRaipur() throws Exception {
        String mobile = raipurMessage("DELIVERED", today);
        mvc.perform(get("/staff/messages").param("mobile", mobile).with(user(prayagrajAdmin)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("No messages match this search.")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(mobile.substring(6) + "<"))));
    }

    private void deliveryRatesShowOnlyPrayagraj() throws Exception {
        LocalDate day = LocalDate.of(2025, 3, 10);
        raipurMessage("DELIVERED", day);
        mvc.perform(get("/staff/messages/rates").param("from", day.toString()).param("to", day.toString()).with(user(prayagrajAdmin)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Raipur"))));
    }

    private void deadLettersShowNothingOfRaipur() throws Exception {
        String mobile = raipurMessage("DEAD", today);
        String id = jdbc.sql("select id::text from outbox_messages where mobile = ?").param(mobile).query(String.class).single();
        mvc.perform(get("/staff/messages/dead").with(user(prayagrajAdmin)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(id))));
    }

    private void cannotRetryRaipursDeadLetters() throws Exception {
        String mobile = raipurMessage("DEAD", today);
        String id = jdbc.sql("select id::text from outbox_messages where mobile = ?").param(mobile).query(String.class).single();
        mvc.perform(post("/staff/messages/dead/retry").param("id", id).with(csrf()).with(user(prayagrajAdmin)))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select status from outbox_messages where id = ?::uuid").param(id).query(String.class).single()).isEqualTo("DEAD");
    }

    /** A message about Raipur written on a day, with a mobile of its own; returns the mobile. */
    private String raipurMessage(String status, LocalDate day) {
        String mobile = "6" + String.format("%09d", java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000L));
        var id = java.util.UUID.randomUUID();
        jdbc.sql("""
                        insert into outbox_messages (id, dedupe_key, mobile, template, language, text, priority, status, attempts,
                                                     not_before, created_at, district_id)
                        values (?, ?, ?, 'sms.registered', 'en', 'Raipur scope message', 5, ?, 5, now() + interval '1 day', ?, 109)""")
                .params(id, "scope-test:" + id, mobile, status, java.sql.Timestamp.from(day.atTime(10, 0).atZone(ZoneId.of("Asia/Kolkata")).toInstant()))
                .update();
        return mobile;
    }

    private void luckyDrawsShowOnlyPrayagraj() throws Exception {
        long raipur = raipurDraw();
        mvc.perform(get("/staff/lucky-draws").with(user(prayagrajAdmin)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Prayagraj")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Raipur"))))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("draw-" + raipur + "\""))));
    }

    private void cannotAnnounceADrawInRaipur() throws Exception {
        raipurDraw();
        int before = count("select count(*) from lucky_draws where district_id = 109");
        forbidden(post("/staff/lucky-draws").with(csrf()).param("districtId", "109")
                .param("fromDate", RAIPUR_DRAW_DAY.toString()).param("toDate", RAIPUR_DRAW_DAY.toString()).param("winners", "1"));
        assertThat(count("select count(*) from lucky_draws where district_id = 109")).isEqualTo(before);
    }

    private void cannotMakeRaipursDraw() throws Exception {
        long raipur = raipurDraw();
        forbidden(post("/staff/lucky-draws/{id}/draw", raipur).with(csrf()));
        assertThat(jdbc.sql("select status from lucky_draws where id = ?").param(raipur).query(String.class).single()).isEqualTo("ANNOUNCED");
    }

    private static final java.time.LocalDate RAIPUR_DRAW_DAY = java.time.LocalDate.of(2025, 5, 1);
    private static volatile Long raipurDraw;

    @Autowired
    org.teeka.luckydraw.LuckyDraws luckyDraws;

    @Autowired
    org.teeka.beneficiary.Beneficiaries beneficiaries;
    @Autowired
    org.teeka.certificate.Certificates certificates;

    @Autowired
    org.teeka.vaccination.DoseRecords doseRecords;

    /** A draw announced by Raipur's district admin over one person vaccinated in Raipur, made once. */
    private long raipurDraw() {
        if (raipurDraw == null) {
            new org.teeka.luckydraw.LuckyDrawFixtures(beneficiaries, doseRecords, jdbc).vaccinatedIn(109, RAIPUR_DRAW_DAY);
            StaffPrincipal raipurAdmin = accounts.find("district.raipur").orElseThrow();
            raipurDraw = luckyDraws.announce(109, RAIPUR_DRAW_DAY, RAIPUR_DRAW_DAY, 1, raipurAdmin.scope(), raipurAdmin.id()).id();
        }
        return raipurDraw;
    }

    private static volatile String raipurCertificate;

    private void cannotRevokeARaipurCertificate() throws Exception {
        String id = raipurCertificate();
        forbidden(post("/staff/certificates/{id}/revoke", id).with(csrf()).param("reason", "scope test"));
        assertThat(certificates.find(id).orElseThrow().revoked()).isFalse();
    }

    /** A certificate of a person vaccinated at a Raipur center, made once. */
    private String raipurCertificate() {
        if (raipurCertificate == null) {
            String mobile = "6" + String.format("%09d", java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000L));
            var person = beneficiaries.register(mobile, new org.teeka.beneficiary.NewBeneficiary("Raipur Scope Person", 1990,
                    org.teeka.beneficiary.Gender.MALE, org.teeka.beneficiary.PhotoIdType.VOTER_ID,
                    "TKR" + mobile.substring(3), 109, 492001), java.util.Locale.ENGLISH);
            var dose = doseRecords.record(person.id(), 1, "COVAXIN", today, raipurCenter);
            raipurCertificate = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                    .until(() -> certificates.ofDoseRecord(dose.id()), java.util.Optional::isPresent).orElseThrow().id();
        }
        return raipurCertificate;
    }

    private static final String RAIPUR_LIST = "raipur-scope-list.csv";
    private static volatile Long raipurList;

    /** A list of Raipur's (refused, so nothing runs in the background), made once by Raipur's district admin. */
    private long raipurList() throws Exception {
        if (raipurList == null) {
            byte[] headerOnly = "name,mobile,birth_year,gender,id_type,id_number,category\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            StaffPrincipal raipurAdmin = accounts.find("district.raipur").orElseThrow();
            raipurList = lists.start(null, RAIPUR_LIST, new org.springframework.core.io.ByteArrayResource(headerOnly), 109, java.util.List.of(),
                    null, raipurAdmin.scope(), raipurAdmin.getUsername(), java.util.Locale.ENGLISH).id();
        }
        return raipurList;
    }

    private static org.springframework.util.MultiValueMap<String, String> centerForm(int districtId, String name) {
        var form = new org.springframework.util.LinkedMultiValueMap<String, String>();
        form.add("name", name);
        form.add("address", "Some Road");
        form.add("blockName", "Some Block");
        form.add("districtId", String.valueOf(districtId));
        form.add("pincode", "492001");
        form.add("latitude", "21.25");
        form.add("longitude", "81.63");
        form.add("feeType", "FREE");
        form.add("opensAt", "09:00");
        form.add("closesAt", "17:00");
        return form;
    }

    private void ok(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
        mvc.perform(request.with(user(prayagrajAdmin))).andExpect(status().isOk());
    }

    private ResultActions forbidden(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user(prayagrajAdmin))).andExpect(status().isForbidden());
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }

    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }
}
