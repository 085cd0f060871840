package org.teeka.smsdesk;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.teeka.IntegrationTest;
import org.teeka.account.Role;
import org.teeka.account.StaffAccounts;
import org.teeka.account.StaffPrincipal;
import org.teeka.account.StaffScope;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.NewBeneficiary;
import org.teeka.beneficiary.PhotoIdType;
import org.teeka.booking.Appointment;
import org.teeka.booking.Bookings;
import org.teeka.center.Center;
import org.teeka.center.CenterDetails;
import org.teeka.center.Centers;
import org.teeka.center.FeeType;
import org.teeka.notification.MessageLog;
import org.teeka.notification.Outbox;
import org.teeka.notification.Priority;
import org.teeka.notification.Sms;
import org.teeka.session.Session;
import org.teeka.session.SessionPlan;
import org.teeka.session.Sessions;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The staff SMS desk on the real database, through its pages. */
@IntegrationTest
class MessageDeskIntegrationTests {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);
    private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    private static final StaffScope PRAYAGRAJ_ADMIN = StaffScope.district(Role.DISTRICT_ADMIN, 34, 624);

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    Bookings bookings;

    @Autowired
    Centers centers;

    @Autowired
    Sessions sessions;

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    MessageDesk desk;

    // searching

    @Test
    void aSearchByMobileShowsEachMessagesFateButNeverItsTextAndIsAudited() throws Exception {
        Beneficiary person = resident(624, 211001);
        String otpText = otp(person.mobile(), "918273");
        StaffPrincipal helpdesk = staff("helpdesk.up");
        int audits = audits("helpdesk.up", person.mobile());

        String page = mvc.perform(get("/staff/messages").param("mobile", person.mobile()).with(user(helpdesk)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Sign-in code")))
                .andExpect(content().string(containsString("Registration")))
                .andReturn().getResponse().getContentAsString();

        assertThat(page).doesNotContain("918273").doesNotContain(otpText).doesNotContain("Reference id: " + person.referenceId());
        assertThat(audits("helpdesk.up", person.mobile())).isEqualTo(audits + 1);
        assertThat(jdbc.sql("select staff_id from staff_audit_events where username = 'helpdesk.up' and detail like ? order by id desc limit 1")
                .param("%" + person.mobile() + "%").query(Long.class).single()).isEqualTo(helpdesk.id());
    }

    @Test
    void aDistrictAdminSeesNeitherAnotherDistrictsMessagesNorUnattributedOnes() throws Exception {
        Beneficiary inRaipur = resident(109, 492001);
        otp(inRaipur.mobile(), "552211");

        var district = (MessageDesk.Page) mvc.perform(get("/staff/messages").param("mobile", inRaipur.mobile())
                        .with(user(staff("district.prayagraj"))))
                .andExpect(status().isOk()).andReturn().getModelAndView().getModel().get("results");
        assertThat(district.rows()).isEmpty();
        var stateAdmin = (MessageDesk.Page) mvc.perform(get("/staff/messages").param("mobile", inRaipur.mobile())
                        .with(user(staff("state.cg"))))
                .andExpect(status().isOk()).andReturn().getModelAndView().getModel().get("results");
        assertThat(stateAdmin.rows()).extracting(MessageLog.Fate::template).containsExactlyInAnyOrder("sms.otp", "sms.registered");
        // another state's admin sees neither
        var otherState = (MessageDesk.Page) mvc.perform(get("/staff/messages").param("mobile", inRaipur.mobile())
                        .with(user(staff("state.up"))))
                .andReturn().getModelAndView().getModel().get("results");
        assertThat(otherState.rows()).extracting(MessageLog.Fate::template).containsExactly("sms.otp");
    }

    @Test
    void aSearchByStatusAndDayFindsTheDistrictsMessagesWithMaskedMobiles() throws Exception {
        LocalDate day = LocalDate.of(2025, 2, 3);
        String mobile = mobile();
        insert(mobile, "sms.registered", "DEAD", 624, day, 5);

        mvc.perform(get("/staff/messages").param("status", "DEAD").param("from", day.toString()).param("to", day.toString())
                        .with(user(staff("district.prayagraj"))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("XXXXXX" + mobile.substring(6))))
                .andExpect(content().string(not(containsString(mobile))));
    }

    @Test
    void badSearchValuesGetTheirOwnMessageAndNoLookup() throws Exception {
        int before = count("select count(*) from staff_audit_events");
        mvc.perform(get("/staff/messages").param("mobile", "12345").param("from", "2026-13-40").param("status", "LOST")
                        .with(user(staff("district.prayagraj"))))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "mobile", "smsdesk.error.mobile"))
                .andExpect(model().attributeHasFieldErrorCode("form", "from", "smsdesk.error.date"))
                .andExpect(model().attributeHasFieldErrorCode("form", "status", "smsdesk.error.status"))
                .andExpect(content().string(containsString("Enter a mobile number of ten digits")))
                .andExpect(model().attributeDoesNotExist("results"));
        mvc.perform(get("/staff/messages").param("from", "2026-11-20").param("to", "2026-11-10").header("Accept-Language", "hi")
                        .param("lang", "hi").with(user(staff("district.prayagraj"))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("अंतिम दिन पहले दिन से पहले नहीं हो सकता।")));
        assertThat(count("select count(*) from staff_audit_events")).isEqualTo(before);
    }

    @Test
    void rolesWithoutMessagesSeeNoneOfTheDesk() throws Exception {
        for (String username : List.of("vaccinator.prayagraj", "manager.prayagraj")) {
            for (String path : List.of("/staff/messages", "/staff/messages/rates", "/staff/messages/dead", "/staff/messages/call-list")) {
                mvc.perform(get(path).with(user(staff(username)))).andExpect(status().isForbidden());
            }
        }
    }

    // delivery rates

    @Test
    void ratesCountEachDistrictsMessagesOfADayByFate() throws Exception {
        LocalDate day = LocalDate.of(2025, 1, 15);
        for (String status : List.of("DELIVERED", "DELIVERED", "DELIVERED", "FAILED", "DEAD", "SUBMITTED", "SCHEDULED", "WITHDRAWN")) {
            insert(mobile(), "sms.appointment-booked", status, 624, day, 1);
        }
        insert(mobile(), "sms.appointment-booked", "DEAD", 109, day, 5);

        var rates = rates(staff("district.prayagraj"), day);
        assertThat(rates).singleElement().satisfies(rate -> {
            assertThat(rate.districtId()).isEqualTo(624);
            assertThat(rate.total()).isGreaterThanOrEqualTo(6);
        });
        var prayagraj = rates.getFirst();
        assertThat(List.of(prayagraj.sent(), prayagraj.delivered(), prayagraj.failed(), prayagraj.dead()))
                .as("counts of a day no other test writes").containsExactly(5, 3, 1, 1);
        assertThat(prayagraj.percentDelivered()).isEqualTo(50.0);
        assertThat(rates(staff("state.cg"), day)).extracting(MessageLog.DeliveryRate::districtId).containsExactly(109);

        mvc.perform(get("/staff/messages/rates").param("from", day.toString()).param("to", day.toString())
                        .with(user(staff("district.prayagraj"))))
                .andExpect(content().string(containsString("50.0%")));
    }

    @Test
    void ratesRefuseABackwardOrTooLongRange() throws Exception {
        mvc.perform(get("/staff/messages/rates").param("from", "2026-01-01").param("to", "2026-03-01").with(user(staff("state.up"))))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Choose at most 31 days at once.")));
        mvc.perform(get("/staff/messages/rates").param("from", "2026-01-05").param("to", "2026-01-01").with(user(staff("state.up"))))
                .andExpect(status().isOk()).andExpect(content().string(containsString("The last day must not be before the first.")));
        mvc.perform(get("/staff/messages/rates").param("from", "yesterday").with(user(staff("state.up"))))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Enter a date as year-month-day")));
    }

    // dead letters

    @Test
    void aDeadLetterRetriedBecomesPendingWithItsAttemptsResetOnceAndAudited() throws Exception {
        UUID letter = insert(mobile(), "sms.registered", "DEAD", 624, LocalDate.now(INDIA), 5);
        UUID raipurLetter = insert(mobile(), "sms.registered", "DEAD", 109, LocalDate.now(INDIA), 5);
        StaffPrincipal admin = staff("district.prayagraj");

        mvc.perform(get("/staff/messages/dead").with(user(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(letter.toString())))
                .andExpect(content().string(not(containsString(raipurLetter.toString()))));

        // the helpdesk looks but does not retry
        mvc.perform(post("/staff/messages/dead/retry").param("id", letter.toString()).with(csrf()).with(user(staff("helpdesk.up"))))
                .andExpect(status().isForbidden());
        assertThat(row(letter).get("status")).isEqualTo("DEAD");

        mvc.perform(post("/staff/messages/dead/retry").param("id", letter.toString(), raipurLetter.toString())
                        .with(csrf()).with(user(admin)))
                .andExpect(redirectedUrl("/staff/messages/dead"))
                .andExpect(flash().attribute("retried", 1));
        var retried = row(letter);
        assertThat(retried.get("status")).isIn("PENDING", "SUBMITTED", "DELIVERED");
        assertThat((Integer) retried.get("attempts")).isLessThanOrEqualTo(1);
        assertThat(retried.get("retried_by")).isEqualTo("district.prayagraj");
        assertThat(retried.get("retried_at")).isNotNull();
        assertThat(row(raipurLetter).get("status")).as("outside the district").isEqualTo("DEAD");
        assertThat(count("select count(*) from staff_audit_events where username = 'district.prayagraj' and action = 'DEAD_LETTERS_RETRIED' and detail like '%"
                + letter + "%'")).isEqualTo(1);

        // a double click retries nothing more and records nothing more
        mvc.perform(post("/staff/messages/dead/retry").param("id", letter.toString()).with(csrf()).with(user(admin)))
                .andExpect(flash().attribute("retried", 0));
        assertThat(count("select count(*) from staff_audit_events where action = 'DEAD_LETTERS_RETRIED' and detail like '%" + letter + "%'"))
                .isEqualTo(1);

        mvc.perform(post("/staff/messages/dead/retry").with(csrf()).with(user(admin)))
                .andExpect(flash().attribute("retryError", "smsdesk.error.retry-none"));
    }

    @Test
    void twoStaffRetryingTheSameDeadLettersAtOnceSendEachOnce() throws Exception {
        List<UUID> letters = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            letters.add(insert(mobile(), "sms.registered", "DEAD", 624, LocalDate.now(INDIA), 5));
        }
        StaffPrincipal district = staff("district.prayagraj");
        StaffPrincipal state = staff("state.up");
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(2)) {
            Future<Integer> one = pool.submit(() -> {
                start.await();
                return desk.retry(district, letters);
            });
            Future<Integer> two = pool.submit(() -> {
                start.await();
                return desk.retry(state, letters);
            });
            start.countDown();
            assertThat(one.get() + two.get()).isEqualTo(letters.size());
        }
        assertThat(count("select count(*) from outbox_messages where id = any('{" + String.join(",", letters.stream().map(UUID::toString).toList())
                + "}'::uuid[]) and retried_by is not null")).isEqualTo(letters.size());
    }

    // the call list

    @Test
    void theCallListNamesEveryoneWhoseAppointmentSmsFailedDiedOrIsLate() throws Exception {
        LocalDate day = LocalDate.now(INDIA).plusDays(3);
        Session session = sessionWithPlaces(day);
        Beneficiary dead = resident(624, 211001);
        Beneficiary delivered = resident(624, 211001);
        Beneficiary failed = resident(624, 211001);
        Beneficiary late = resident(624, 211001);
        Beneficiary recent = resident(624, 211001);
        Map<Beneficiary, Appointment> booked = new java.util.LinkedHashMap<>();
        for (Beneficiary person : List.of(dead, delivered, failed, late, recent)) {
            booked.put(person, bookings.book(person.mobile(), person.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH));
        }
        // every appointment SMS settles first, so the dispatcher touches them no more
        await().atMost(Duration.ofSeconds(30)).until(() -> booked.values().stream()
                .allMatch(a -> "DELIVERED".equals(row("appointment:" + a.id()).get("status"))));
        fate(booked.get(dead), "DEAD", 0);
        fate(booked.get(failed), "FAILED", 0);
        fate(booked.get(late), "SUBMITTED", 180);
        fate(booked.get(recent), "SUBMITTED", 10);
        jdbc.sql("update beneficiaries set name = '=HYPERLINK(\"http://evil\")' where id = ?").param(dead.id()).update();

        var entries = desk.callList(staff("district.prayagraj"), session.centerId(), day);
        assertThat(entries).extracting(e -> e.attendee().mobile())
                .containsExactlyInAnyOrder(dead.mobile(), failed.mobile(), late.mobile());
        assertThat(entries).extracting(CallListEntry::reasonKey).containsExactlyInAnyOrder(
                "smsdesk.call-list.reason.dead", "smsdesk.call-list.reason.failed", "smsdesk.call-list.reason.late");

        String page = mvc.perform(get("/staff/messages/call-list").param("centerId", String.valueOf(session.centerId()))
                        .param("date", day.toString()).with(user(staff("helpdesk.up"))))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(failed.mobile(), failed.referenceId(), "09:00–17:00").doesNotContain(delivered.mobile())
                .doesNotContain(booked.get(failed).securityCode() + "<");

        byte[] csv = mvc.perform(get("/staff/messages/call-list.csv").param("centerId", String.valueOf(session.centerId()))
                        .param("date", day.toString()).param("lang", "hi").with(user(staff("district.prayagraj"))))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFसमय,नाम,फ़ोन").contains("\"'=HYPERLINK(\"\"http://evil\"\")\"")
                .contains(late.mobile()).doesNotContain(delivered.mobile()).contains("SMS अभी तक नहीं पहुँचा");
    }

    @Test
    void theCallListOfAnotherDistrictsCenterIsForbidden() throws Exception {
        int raipurCenter = jdbc.sql("select min(id) from centers where district_id = 109").query(Integer.class).single();
        mvc.perform(get("/staff/messages/call-list").param("centerId", String.valueOf(raipurCenter)).with(user(staff("district.prayagraj"))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/staff/messages/call-list.csv").param("centerId", String.valueOf(raipurCenter))
                        .param("date", LocalDate.now(INDIA).toString()).with(user(staff("state.up"))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/staff/messages/call-list.csv").param("centerId", String.valueOf(raipurCenter))
                        .param("date", "soon").with(user(staff("state.cg"))))
                .andExpect(status().isBadRequest());
    }

    // helpers

    private List<MessageLog.DeliveryRate> rates(StaffPrincipal staff, LocalDate day) {
        return desk.rates(staff, day, day);
    }

    private void fate(Appointment appointment, String status, int minutesAgo) {
        jdbc.sql("update outbox_messages set status = ?, created_at = now() - make_interval(mins => ?) where dedupe_key = ?")
                .params(status, minutesAgo, "appointment:" + appointment.id()).update();
    }

    private UUID insert(String mobile, String template, String status, int districtId, LocalDate day, int attempts) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into outbox_messages (id, dedupe_key, mobile, template, language, text, priority, status, attempts,
                                                     not_before, created_at, district_id, last_error)
                        values (?, ?, ?, ?, 'en', 'Teeka test message', 5, ?, ?, now() + interval '1 day', ?, ?, ?)""")
                .params(id, "test:" + id, mobile, template, status, attempts,
                        java.sql.Timestamp.from(day.atTime(10, 0).atZone(INDIA).toInstant()), districtId,
                        "DEAD".equals(status) ? "SMSC down" : null)
                .update();
        return id;
    }

    private String otp(String mobile, String code) {
        transaction.executeWithoutResult(status -> outbox.enqueue(new Sms(mobile, "sms.otp", Locale.ENGLISH, List.of(code, 5L),
                "test-otp:" + UUID.randomUUID(), Priority.TIME_CRITICAL)));
        return code + " is your Teeka sign-in code.";
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.sql("select * from outbox_messages where id = ?").param(id).query().singleRow();
    }

    private Map<String, Object> row(String dedupeKey) {
        return jdbc.sql("select * from outbox_messages where dedupe_key = ?").param(dedupeKey).query().singleRow();
    }

    private int audits(String username, String mobile) {
        return jdbc.sql("select count(*) from staff_audit_events where username = ? and action = 'MESSAGES_LOOKUP' and detail like ?")
                .params(username, "%" + mobile + "%").query(Integer.class).single();
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }

    private StaffPrincipal staff(String username) {
        return accounts.find(username).orElseThrow();
    }

    private static String mobile() {
        return "8" + String.format("%09d", SEQUENCE.incrementAndGet() % 1_000_000_000L);
    }

    private Beneficiary resident(int districtId, int pincode) {
        String voterId = "TKD" + String.format("%07d", SEQUENCE.incrementAndGet() % 10_000_000L);
        return beneficiaries.register(mobile(), new NewBeneficiary("Desk Person " + SEQUENCE.get(), 1985, Gender.FEMALE,
                PhotoIdType.VOTER_ID, voterId, districtId, pincode), Locale.ENGLISH);
    }

    private Session sessionWithPlaces(LocalDate date) {
        Center center = centers.create(new CenterDetails("Desk Test " + SEQUENCE.incrementAndGet(), null, "Civil Lines", null,
                "Chaka", null, 624, 211001, new BigDecimal("25.45"), new BigDecimal("81.84"), FeeType.FREE,
                LocalTime.of(9, 0), LocalTime.of(17, 0), Map.of()), PRAYAGRAJ_ADMIN);
        sessions.plan(center.id(), new SessionPlan("COVAXIN", date, date, EnumSet.allOf(DayOfWeek.class), 18, null,
                10, 0, LocalTime.of(9, 0), LocalTime.of(17, 0), 480), PRAYAGRAJ_ADMIN, "test");
        return sessions.atCenter(center.id(), date, 1, PRAYAGRAJ_ADMIN).getFirst();
    }
}
