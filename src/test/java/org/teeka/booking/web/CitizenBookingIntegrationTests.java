package org.teeka.booking.web;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.teeka.IntegrationTest;
import org.teeka.account.CitizenPrincipal;
import org.teeka.account.Role;
import org.teeka.account.StaffScope;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.NewBeneficiary;
import org.teeka.beneficiary.PhotoIdType;
import org.teeka.booking.Appointment;
import org.teeka.booking.Bookings;
import org.teeka.booking.Waitlist;
import org.teeka.center.Center;
import org.teeka.center.CenterDetails;
import org.teeka.center.Centers;
import org.teeka.center.FeeType;
import org.teeka.session.Session;
import org.teeka.session.SessionPlan;
import org.teeka.session.Sessions;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.teeka.Bundles.msg;

/**
 * Booking through the citizen pages against the real database: a repeated or double-clicked form
 * books once, refusals are shown on the search page in the reader's language, another family's
 * appointments and members are "not found", and "nothing free" leads to the waitlist.
 */
@IntegrationTest
class CitizenBookingIntegrationTests {

    static final int PRAYAGRAJ = 624;
    static final int LUCKNOW = 670;
    static final StaffScope PRAYAGRAJ_ADMIN = StaffScope.district(Role.DISTRICT_ADMIN, 34, PRAYAGRAJ);

    @Autowired
    MockMvc mvc;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    Bookings bookings;

    @Autowired
    Waitlist waitlist;

    @Autowired
    Centers centers;

    @Autowired
    Sessions sessions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    // idempotency: one appointment per page, however often its form is sent

    @Test
    void aBookingFormSentTwiceBooksOnce() throws Exception {
        Beneficiary member = resident(1990);
        Session session = sessionWithPlaces(tomorrow(), "COVAXIN", 10, 0, 18, null);
        Element form = bookForm(searchPage(member, "/citizen/search?beneficiary=" + member.id() + "&dose=1&vaccine=COVAXIN"), session);

        String first = submit(form, member.mobile()).getResponse().getRedirectedUrl();
        String second = submit(form, member.mobile()).getResponse().getRedirectedUrl();

        assertThat(first).matches("/citizen/appointments/[0-9a-f-]{36}").isEqualTo(second);
        assertThat(bookings.activeOf(member.id())).singleElement()
                .satisfies(appointment -> assertThat(appointment.sessionId()).isEqualTo(session.id()));
        assertThat(sessions.find(session.id()).orElseThrow().dose1Booked()).isEqualTo(1);
    }

    @Test
    void aDoubleClickOnBookSendingTwoRequestsAtOnceBooksOnce() throws Exception {
        Beneficiary member = resident(1990);
        Session session = sessionWithPlaces(tomorrow(), "COVAXIN", 10, 0, 18, null);
        Element form = bookForm(searchPage(member, "/citizen/search?beneficiary=" + member.id() + "&dose=1&vaccine=COVAXIN"), session);

        List<String> redirects = atOnce(2, () -> submit(form, member.mobile()).getResponse().getRedirectedUrl());

        assertThat(redirects).hasSize(2).allMatch(url -> url.startsWith("/citizen/appointments/")).containsOnly(redirects.getFirst());
        assertThat(bookings.activeOf(member.id())).hasSize(1);
        assertThat(sessions.find(session.id()).orElseThrow().dose1Booked()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from outbox_messages where mobile = ? and template = 'sms.appointment-booked'")
                .param(member.mobile()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void earliestSlotSentTwiceBooksOnce() throws Exception {
        Beneficiary member = resident(1990);
        Element form = page(mvc.perform(as(get("/citizen"), member.mobile(), "en")).andExpect(status().isOk()).andReturn())
                .selectFirst("form[action$=/earliest]");

        String first = submit(form, member.mobile()).getResponse().getRedirectedUrl();
        String second = submit(form, member.mobile()).getResponse().getRedirectedUrl();

        assertThat(first).startsWith("/citizen/appointments/").isEqualTo(second);
        assertThat(bookings.activeOf(member.id())).hasSize(1);
    }

    // refusals on the search page

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void aSessionOutsideTheMembersAgeBandIsRefusedWithTheReasonOnTheSearchPage(String lang) throws Exception {
        Beneficiary elder = resident(1950);
        Session youngAdults = sessionWithPlaces(tomorrow(), "COVAXIN", 10, 0, 18, 44);
        String key = UUID.randomUUID().toString();

        MvcResult result = mvc.perform(as(post("/citizen/book").with(csrf()), elder.mobile(), lang)
                        .queryParam("districtId", String.valueOf(PRAYAGRAJ)).queryParam("vaccine", "COVAXIN")
                        .param("beneficiary", elder.id().toString()).param("session", youngAdults.id().toString())
                        .param("slot", "1").param("dose", "1").param("idempotencyKey", key))
                .andExpect(status().isUnprocessableContent()).andReturn();

        Document page = page(result);
        assertThat(page.select("h1").text()).isEqualTo(msg(lang, "search.title"));
        assertThat(page.select("main .error-box p").eachText())
                .containsExactly(msg(lang, "search.refused"), msg(lang, "booking.error.age-outside", 18, 44));
        // the search is shown again, with a new key for the next try
        assertThat(page.select("#districtId option[selected]").val()).isEqualTo(String.valueOf(PRAYAGRAJ));
        assertThat(page.select("input[name=idempotencyKey]").eachAttr("value")).isNotEmpty().doesNotContain(key);
        assertThat(bookings.activeOf(elder.id())).isEmpty();
        assertThat(sessions.find(youngAdults.id()).orElseThrow().dose1Booked()).isZero();

        // the page's address opened again (a language switch) shows the search it came from
        mvc.perform(as(get("/citizen/book").queryParam("districtId", String.valueOf(PRAYAGRAJ)).queryParam("vaccine", "COVAXIN"),
                        elder.mobile(), lang))
                .andExpect(redirectedUrl("/citizen/search?districtId=" + PRAYAGRAJ + "&vaccine=COVAXIN"));
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void aSessionFilledMeanwhileIsRefusedAsFull(String lang) throws Exception {
        Session onePlace = sessionWithPlaces(tomorrow(), "COVAXIN", 1, 0, 18, null);
        Beneficiary quicker = resident(1990);
        Beneficiary member = resident(1991);
        Element form = bookForm(searchPage(member, "/citizen/search?beneficiary=" + member.id() + "&dose=1&vaccine=COVAXIN"), onePlace);
        bookings.book(quicker.mobile(), quicker.id(), onePlace.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);

        MvcResult result = mvc.perform(as(post(path(form)).with(csrf()), member.mobile(), lang).params(fields(form)))
                .andExpect(status().isConflict()).andReturn();

        assertThat(page(result).select("main .error-box p").eachText()).contains(msg(lang, "booking.error.session-full"));
        assertThat(bookings.activeOf(member.id())).isEmpty();
    }

    @Test
    void aSearchWithoutAMemberShowsSessionsButNoBookButton() throws Exception {
        Beneficiary member = resident(1990);
        Document search = searchPage(member, "/citizen/search?districtId=" + PRAYAGRAJ);

        assertThat(search.select("form[action$=/citizen/book]")).isEmpty();
        assertThat(search.select(".hint").eachText()).contains(msg("en", "search.choose-member"));
        assertThat(search.select(".center-result h3").eachText()).contains("Tej Bahadur Sapru (Beli) Hospital");
    }

    @Test
    void searchByPinCodeShowsOnlyTheCentersThereAndFiltersByFee() throws Exception {
        Beneficiary member = resident(1990);

        Document byPin = searchPage(member, "/citizen/search?pincode=211002");
        assertThat(byPin.select(".center-result h3").eachText()).containsExactly("Swaroop Rani Nehru Hospital");
        assertThat(byPin.select(".session-result")).hasSizeGreaterThanOrEqualTo(6);

        Document paidOnly = searchPage(member, "/citizen/search?pincode=211002&fee=PAID");
        assertThat(paidOnly.select(".center-result")).isEmpty();
        assertThat(paidOnly.select("main p").eachText()).contains(msg("en", "search.none"));

        Document wrongPin = searchPage(member, "/citizen/search?pincode=12");
        assertThat(wrongPin.select("#pincode").first().closest(".field").select(".field-error").text())
                .isEqualTo(msg("en", "Min.query.pincode"));
        assertThat(wrongPin.select(".center-result")).isEmpty();
    }

    // another family's

    @Test
    void anotherFamilysAppointmentIsNotFoundOnEveryPageAndStaysBooked() throws Exception {
        Beneficiary member = resident(1990);
        Session session = sessionWithPlaces(tomorrow(), "COVAXIN", 10, 0, 18, null);
        Appointment appointment = bookings.book(member.mobile(), member.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);
        String stranger = newMobile();
        String base = "/citizen/appointments/" + appointment.id();

        for (var request : List.of(get(base), get(base + "/cancel"), get(base + "/reschedule"),
                post(base + "/cancel").with(csrf()),
                post(base + "/reschedule").with(csrf()).param("session", session.id().toString()).param("slot", "1"))) {
            MvcResult result = mvc.perform(as(request, stranger, "en")).andExpect(status().isNotFound()).andReturn();
            assertThat(page(result).select("h1").text()).isEqualTo(msg("en", "error.404.heading"));
            assertThat(page(result).select("section.error p").first().text()).isEqualTo(msg("en", "booking.error.appointment-unknown"));
        }
        assertThat(bookings.get(appointment.id(), member.mobile()).status()).isEqualTo(Appointment.Status.BOOKED);

        for (var request : List.of(get("/citizen/search").param("beneficiary", member.id().toString()),
                post("/citizen/members/" + member.id() + "/earliest").with(csrf()).param("dose", "2"),
                post("/citizen/members/" + member.id() + "/waitlist").with(csrf()).param("dose", "2"),
                post("/citizen/book").with(csrf()).param("beneficiary", member.id().toString())
                        .param("session", session.id().toString()).param("slot", "1").param("dose", "2"))) {
            MvcResult result = mvc.perform(as(request, stranger, "en")).andExpect(status().isNotFound()).andReturn();
            assertThat(page(result).select("section.error p").first().text()).isEqualTo(msg("en", "beneficiary.error.not-found"));
        }
        assertThat(bookings.activeOf(member.id())).hasSize(1);
        assertThat(waitlist.waiting(member.id(), 2)).isFalse();
    }

    // nothing free: the waitlist

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void whenNothingIsFreeTheFamilyPageOffersTheWaitlist(String lang) throws Exception {
        // Lucknow has no centers
        Beneficiary member = beneficiaries.register(newMobile(), new NewBeneficiary("Lucknow Resident", 1990, Gender.MALE,
                PhotoIdType.VOTER_ID, newVoterId(), LUCKNOW, 226001), Locale.ENGLISH);
        Element earliest = page(mvc.perform(as(get("/citizen"), member.mobile(), lang)).andReturn()).selectFirst("form[action$=/earliest]");

        MvcResult refused = mvc.perform(as(post(path(earliest)).with(csrf()), member.mobile(), lang).params(fields(earliest)))
                .andExpect(redirectedUrl("/citizen")).andReturn();
        Document family = page(mvc.perform(as(get("/citizen"), member.mobile(), lang).flashAttrs(refused.getFlashMap())).andReturn());

        assertThat(family.select(".next-dose .error-box").text()).isEqualTo(msg(lang, "booking.error.nothing-free"));
        Element join = family.selectFirst(".next-dose form[action$=/waitlist]");
        assertThat(join.select("button").text()).isEqualTo(msg(lang, "family.join-waitlist"));

        MvcResult joined = mvc.perform(as(post(path(join)).with(csrf()), member.mobile(), lang).params(fields(join)))
                .andExpect(redirectedUrl("/citizen"))
                .andExpect(flash().attribute("notice", "booking.notice.waiting")).andReturn();
        assertThat(waitlist.waiting(member.id(), 1)).isTrue();
        // joining twice is joining once
        mvc.perform(as(post(path(join)).with(csrf()), member.mobile(), lang).params(fields(join))).andExpect(redirectedUrl("/citizen"));

        family = page(mvc.perform(as(get("/citizen"), member.mobile(), lang).flashAttrs(joined.getFlashMap())).andReturn());
        assertThat(family.select("main > .notice").text()).isEqualTo(msg(lang, "booking.notice.waiting"));
        assertThat(family.select(".next-dose .notice").text()).isEqualTo(msg(lang, "family.waiting", 1));
        assertThat(family.select("form[action$=/waitlist]")).isEmpty();
    }

    // the slip, cancel and reschedule

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void theSlipShowsTheAppointmentAndItsSecurityCode(String lang) throws Exception {
        Beneficiary member = resident(1990);
        Session session = sessionWithPlaces(tomorrow(), "COVAXIN", 10, 0, 18, null);
        Appointment appointment = bookings.book(member.mobile(), member.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);

        Document slip = page(mvc.perform(as(get("/citizen/appointments/" + appointment.id()), member.mobile(), lang))
                .andExpect(status().isOk()).andReturn());

        assertThat(slip.select("h1").text()).isEqualTo(msg(lang, "slip.title"));
        assertThat(slip.select(".security-code .code").text()).isEqualTo(appointment.securityCode());
        assertThat(slip.select(".confirmation").text()).isEqualTo(appointment.confirmationNumber());
        assertThat(slip.select(".facts").text()).contains(member.name(), member.referenceId(), lang.equals("hi") ? "कोवैक्सिन" : "Covaxin",
                msg(lang, "appointment.slot", "09:00", "17:00"));
        String pdf = slip.select("a[href$=.pdf]").attr("href");
        assertThat(pdf).isEqualTo("/citizen/appointments/" + appointment.id() + "/slip.pdf");
        mvc.perform(as(get(pdf), member.mobile(), lang))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .contentType(org.springframework.http.MediaType.APPLICATION_PDF));
    }

    @Test
    void cancellingAsksFirstThenFreesThePlaceAndASecondClickChangesNothing() throws Exception {
        Beneficiary member = resident(1990);
        Session session = sessionWithPlaces(tomorrow(), "COVAXIN", 10, 0, 18, null);
        Appointment appointment = bookings.book(member.mobile(), member.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);

        Document confirm = page(mvc.perform(as(get("/citizen/appointments/" + appointment.id() + "/cancel"), member.mobile(), "en"))
                .andExpect(status().isOk()).andReturn());
        assertThat(confirm.select("h1").text()).isEqualTo(msg("en", "cancel.title"));
        assertThat(bookings.activeOf(member.id())).hasSize(1);
        Element form = confirm.selectFirst("main form");

        for (int click = 0; click < 2; click++) {
            mvc.perform(as(post(path(form)).with(csrf()), member.mobile(), "en").params(fields(form)))
                    .andExpect(redirectedUrl("/citizen"))
                    .andExpect(flash().attribute("notice", "booking.notice.cancelled"));
        }

        assertThat(bookings.get(appointment.id(), member.mobile()).status()).isEqualTo(Appointment.Status.CANCELLED);
        assertThat(sessions.find(session.id()).orElseThrow().dose1Booked()).isZero();
        Document family = page(mvc.perform(as(get("/citizen"), member.mobile(), "en")).andReturn());
        assertThat(family.select(".appointment")).isEmpty();
        assertThat(family.select("form[action$=/earliest]")).hasSize(1);
    }

    @Test
    void reschedulingFromTheSearchMovesTheAppointmentOnceEvenWhenSentTwice() throws Exception {
        Beneficiary member = resident(1990);
        Session from = sessionWithPlaces(tomorrow(), "COVAXIN", 10, 0, 18, null);
        Session to = sessionWithPlaces(tomorrow().plusDays(2), "COVAXIN", 10, 0, 18, null);
        Appointment appointment = bookings.book(member.mobile(), member.id(), from.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);

        Document search = searchPage(member, "/citizen/appointments/" + appointment.id() + "/reschedule?vaccine=COVAXIN");
        assertThat(search.select("h1").text()).isEqualTo(msg("en", "search.reschedule.title"));
        assertThat(search.select("select[name=beneficiary]")).isEmpty();
        assertThat(bookForms(search, from)).as("the current slot is not offered").isEmpty();
        Element form = bookForm(search, to);

        String first = submit(form, member.mobile()).getResponse().getRedirectedUrl();
        String second = submit(form, member.mobile()).getResponse().getRedirectedUrl();

        assertThat(first).startsWith("/citizen/appointments/").isEqualTo(second).doesNotContain(appointment.id().toString());
        assertThat(bookings.get(appointment.id(), member.mobile()).status()).isEqualTo(Appointment.Status.RESCHEDULED);
        assertThat(bookings.activeOf(member.id())).singleElement()
                .satisfies(moved -> assertThat(moved.sessionId()).isEqualTo(to.id()));
        assertThat(sessions.find(from.id()).orElseThrow().dose1Booked()).isZero();
        assertThat(sessions.find(to.id()).orElseThrow().dose1Booked()).isEqualTo(1);

        // the old appointment can no longer be moved: its page says what happened
        mvc.perform(as(get("/citizen/appointments/" + appointment.id() + "/reschedule"), member.mobile(), "en"))
                .andExpect(redirectedUrl("/citizen/appointments/" + appointment.id()));
    }

    // helpers

    private Document searchPage(Beneficiary member, String url) throws Exception {
        return page(mvc.perform(as(get(URI.create(url)), member.mobile(), "en")).andExpect(status().isOk()).andReturn());
    }

    private static Element bookForm(Document page, Session session) {
        List<Element> forms = bookForms(page, session);
        assertThat(forms).as("book forms of session %s", session.id()).isNotEmpty();
        return forms.getFirst();
    }

    private static List<Element> bookForms(Document page, Session session) {
        return page.select("form:has(input[name=session][value=" + session.id() + "])");
    }

    private MvcResult submit(Element form, String mobile) throws Exception {
        return mvc.perform(as(post(path(form)).with(csrf()), mobile, "en").params(fields(form)))
                .andExpect(redirectedUrlPattern("/citizen/**")).andReturn();
    }

    /** The form's action as a request path with its query. */
    private static URI path(Element form) {
        return URI.create(form.attr("action"));
    }

    private static org.springframework.util.MultiValueMap<String, String> fields(Element form) {
        var fields = new org.springframework.util.LinkedMultiValueMap<String, String>();
        for (Element input : form.select("input[type=hidden]")) {
            if (!input.attr("name").equals("_csrf")) {
                fields.add(input.attr("name"), input.val());
            }
        }
        return fields;
    }

    private static <T> List<T> atOnce(int times, Callable<T> task) throws Exception {
        var start = new CountDownLatch(1);
        try (var executor = Executors.newFixedThreadPool(times)) {
            var futures = new ArrayList<java.util.concurrent.Future<T>>();
            for (int i = 0; i < times; i++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            var results = new ArrayList<T>();
            for (var future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    private Beneficiary resident(int birthYear) {
        return beneficiaries.register(newMobile(), new NewBeneficiary("Page Test Person", birthYear, Gender.FEMALE, PhotoIdType.VOTER_ID,
                newVoterId(), PRAYAGRAJ, 211001), Locale.ENGLISH);
    }

    /** A new Prayagraj center with one session on the date: one slot, 09:00–17:00, holding every place. */
    private Session sessionWithPlaces(LocalDate date, String vaccine, int dose1, int dose2, int minAge, Integer maxAge) {
        Center center = centers.create(new CenterDetails("Citizen Page Test " + UUID.randomUUID().toString().substring(0, 8), null,
                "Civil Lines", null, "Chaka", null, PRAYAGRAJ, 211001, new BigDecimal("25.45"), new BigDecimal("81.84"), FeeType.FREE,
                LocalTime.of(9, 0), LocalTime.of(17, 0), Map.of()), PRAYAGRAJ_ADMIN);
        sessions.plan(center.id(), new SessionPlan(vaccine, date, date, EnumSet.allOf(DayOfWeek.class), minAge, maxAge,
                dose1, dose2, LocalTime.of(9, 0), LocalTime.of(17, 0), 480), PRAYAGRAJ_ADMIN, "test");
        return sessions.atCenter(center.id(), date, 1, PRAYAGRAJ_ADMIN).getFirst();
    }

    private LocalDate tomorrow() {
        return LocalDate.now(clock).plusDays(1);
    }

    private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String mobile, String lang) {
        return request.with(citizen(mobile)).locale(Locale.forLanguageTag(lang));
    }

    private static RequestPostProcessor citizen(String mobile) {
        return authentication(UsernamePasswordAuthenticationToken.authenticated(new CitizenPrincipal(mobile), null,
                AuthorityUtils.createAuthorityList("ROLE_CITIZEN")));
    }

    private static Document page(MvcResult result) throws Exception {
        return Jsoup.parse(result.getResponse().getContentAsString());
    }

    private static String newMobile() {
        return "9" + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    private static String newVoterId() {
        return "TKB" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }
}
