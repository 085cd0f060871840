package org.teeka.cowin;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.teeka.IntegrationTest;
import org.teeka.account.BearerTokens;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.booking.Appointment;
import org.teeka.booking.Bookings;
import org.teeka.center.Centers;
import org.teeka.session.Session;
import org.teeka.session.Sessions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.teeka.cowin.CowinFixtures.cowinDate;
import static org.teeka.cowin.CowinFixtures.hasCenterFields;
import static org.teeka.cowin.CowinFixtures.hasFields;
import static org.teeka.cowin.CowinFixtures.hasSessionFields;
import static org.teeka.cowin.CowinFixtures.today;

/** The public half of the CoWIN API: metadata and availability, every listed field, its type and its quirks. */
@IntegrationTest
class CowinPublicApiIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Centers centers;

    @Autowired
    Sessions sessions;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    BearerTokens tokens;

    @Autowired
    Bookings bookings;

    CowinCalls cowin;
    CowinFixtures fixtures;

    @BeforeEach
    void setUp() {
        cowin = new CowinCalls(mvc);
        fixtures = new CowinFixtures(centers, sessions, beneficiaries, tokens);
    }

    @Test
    void listsEveryStateWithCowinsIds() {
        var reply = cowin.get("/api/v2/admin/location/states");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        hasFields(body, "states", JsonNodeType.ARRAY, "ttl", JsonNodeType.NUMBER);
        assertThat(body.get("states").size()).isGreaterThanOrEqualTo(36);
        body.get("states").forEach(state -> hasFields(state, "state_id", JsonNodeType.NUMBER, "state_name", JsonNodeType.STRING,
                "state_name_l", JsonNodeType.STRING));
        JsonNode up = find(body.get("states"), "state_id", 34);
        assertThat(up.get("state_name").asString()).isEqualTo("Uttar Pradesh");
        assertThat(up.get("state_name_l").asString()).isEqualTo("Uttar Pradesh");
    }

    @Test
    void givesStateNamesInHindiForHiIn() {
        JsonNode up = find(cowin.inLanguage("hi_IN").get("/api/v2/admin/location/states").json().get("states"), "state_id", 34);

        assertThat(up.get("state_name").asString()).isEqualTo("Uttar Pradesh");
        assertThat(up.get("state_name_l").asString()).isEqualTo("उत्तर प्रदेश");
    }

    @Test
    void listsTheDistrictsOfAState() {
        JsonNode body = cowin.inLanguage("hi_IN").get("/api/v2/admin/location/districts/34").json();

        hasFields(body, "districts", JsonNodeType.ARRAY, "ttl", JsonNodeType.NUMBER);
        body.get("districts").forEach(district -> {
            hasFields(district, "state_id", JsonNodeType.NUMBER, "district_id", JsonNodeType.NUMBER,
                    "district_name", JsonNodeType.STRING, "district_name_l", JsonNodeType.STRING);
            assertThat(district.get("state_id").asInt()).isEqualTo(34);
        });
        JsonNode prayagraj = find(body.get("districts"), "district_id", 624);
        assertThat(prayagraj.get("district_name").asString()).isEqualTo("Prayagraj");
        assertThat(prayagraj.get("district_name_l").asString()).isEqualTo("प्रयागराज");
    }

    @Test
    void anUnknownStateHasNoDistricts() {
        var reply = cowin.get("/api/v2/admin/location/districts/9999");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("districts").isEmpty()).isTrue();
    }

    @Test
    void listsPhotoIdTypesAndGendersWithCowinsIds() {
        JsonNode types = cowin.get("/api/v2/registration/beneficiary/idTypes").json();
        hasFields(types, "types", JsonNodeType.ARRAY, "ttl", JsonNodeType.NUMBER);
        types.get("types").forEach(type -> hasFields(type, "id", JsonNodeType.NUMBER, "type", JsonNodeType.STRING));
        assertThat(find(types.get("types"), "id", 1).get("type").asString()).isEqualTo("Aadhaar card");

        JsonNode genders = cowin.inLanguage("hi_IN").get("/api/v2/registration/beneficiary/genders").json();
        hasFields(genders, "genders", JsonNodeType.ARRAY, "ttl", JsonNodeType.NUMBER);
        genders.get("genders").forEach(gender -> hasFields(gender, "id", JsonNodeType.NUMBER, "gender", JsonNodeType.STRING));
        assertThat(genders.get("genders")).hasSize(3);
        assertThat(find(genders.get("genders"), "id", 2).get("gender").asString()).isEqualTo("महिला");
    }

    @Test
    void findByPinAnswersOneFlatObjectPerSessionWithCenterAndSessionFields() {
        LocalDate date = today().plusDays(2);
        int pincode = CowinFixtures.newPincode();
        Session session = fixtures.sessionAt(pincode, date, 7, 3);

        var reply = cowin.get("/api/v2/appointment/sessions/public/findByPin?pincode=" + pincode + "&date=" + cowinDate(date));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode flat = find(reply.json().get("sessions"), "session_id", session.id().toString());
        hasCenterFields(flat);
        hasSessionFields(flat);
        hasFields(flat, "fee", JsonNodeType.STRING);
        assertThat(flat.get("center_id").asInt()).isEqualTo(session.centerId());
        assertThat(flat.get("pincode").asInt()).isEqualTo(pincode);
        assertThat(flat.get("date").asString()).isEqualTo(cowinDate(date));
        assertThat(flat.get("state_name").asString()).isEqualTo("Uttar Pradesh");
        assertThat(flat.get("district_name").asString()).isEqualTo("Prayagraj");
        assertThat(flat.get("block_name").asString()).isEqualTo("Chaka");
        assertThat(flat.get("from").asString()).isEqualTo("09:00:00");
        assertThat(flat.get("to").asString()).isEqualTo("17:00:00");
        assertThat(flat.get("fee_type").asString()).isEqualTo("Free");
        assertThat(flat.get("fee").asString()).isEqualTo("0");
        assertThat(flat.has("vaccine_fees")).isFalse();
        assertThat(flat.get("vaccine").asString()).isEqualTo("COVISHIELD");
        assertThat(flat.get("min_age_limit").asInt()).isEqualTo(18);
        assertThat(flat.has("max_age_limit")).isFalse();
        assertThat(flat.get("allow_all_age").asBoolean()).isTrue();
    }

    @Test
    void givesCapacityPerDoseAndTheirSum() {
        LocalDate date = today().plusDays(2);
        int pincode = CowinFixtures.newPincode();
        Session session = fixtures.sessionAt(pincode, date, 7, 3);

        JsonNode flat = find(cowin.get("/api/v2/appointment/sessions/public/findByPin?pincode=" + pincode + "&date=" + cowinDate(date))
                .json().get("sessions"), "session_id", session.id().toString());

        assertThat(flat.get("available_capacity_dose1").asInt()).isEqualTo(7);
        assertThat(flat.get("available_capacity_dose2").asInt()).isEqualTo(3);
        assertThat(flat.get("available_capacity").asInt()).isEqualTo(10);
    }

    @Test
    void writesSlotsAsStringsUnlessAskedForObjects() {
        LocalDate date = today().plusDays(2);
        int pincode = CowinFixtures.newPincode();
        Session session = fixtures.sessionAt(pincode, date, 7, 3);
        String path = "/api/v2/appointment/sessions/public/findByPin?pincode=" + pincode + "&date=" + cowinDate(date);

        JsonNode strings = find(cowin.get(path).json().get("sessions"), "session_id", session.id().toString()).get("slots");
        JsonNode objects = find(cowin.get(path + "&slots=objects").json().get("sessions"), "session_id", session.id().toString()).get("slots");

        assertThat(strings).hasSize(2);
        assertThat(strings.get(0).asString()).isEqualTo("09:00AM-01:00PM");
        assertThat(strings.get(1).asString()).isEqualTo("01:00PM-05:00PM");
        assertThat(objects).hasSize(2);
        objects.forEach(slot -> hasFields(slot, "time", JsonNodeType.STRING, "seats", JsonNodeType.NUMBER));
        assertThat(objects.get(0).get("time").asString()).isEqualTo("09:00AM-01:00PM");
        assertThat(objects.get(0).get("seats").asInt() + objects.get(1).get("seats").asInt()).isEqualTo(10);
    }

    @Test
    void fillsTheLocalNamesInHindiForHiIn() {
        LocalDate date = today().plusDays(2);
        int pincode = CowinFixtures.newPincode();
        Session session = fixtures.sessionAt(pincode, date, 7, 3);

        JsonNode flat = find(cowin.inLanguage("hi_IN").get("/api/v2/appointment/sessions/public/findByPin?pincode=" + pincode + "&date="
                + cowinDate(date)).json().get("sessions"), "session_id", session.id().toString());

        assertThat(flat.get("name").asString()).startsWith("CoWIN Test");
        assertThat(flat.get("name_l").asString()).isEqualTo("कोविन परीक्षण केंद्र");
        assertThat(flat.get("address_l").asString()).isEqualTo("सिविल लाइंस");
        assertThat(flat.get("block_name_l").asString()).isEqualTo("चाका");
        assertThat(flat.get("state_name_l").asString()).isEqualTo("उत्तर प्रदेश");
        assertThat(flat.get("district_name_l").asString()).isEqualTo("प्रयागराज");
    }

    @Test
    void aPaidCenterListsItsFeePerVaccine() {
        LocalDate date = today().plusDays(3);
        int pincode = CowinFixtures.newPincode();
        Session session = fixtures.paidSessionAt(pincode, date, new BigDecimal("780.00"));

        JsonNode flat = find(cowin.get("/api/v2/appointment/sessions/public/findByPin?pincode=" + pincode + "&date=" + cowinDate(date))
                .json().get("sessions"), "session_id", session.id().toString());
        JsonNode center = cowin.get("/api/v2/appointment/sessions/public/calendarByCenter?center_id=" + session.centerId()
                + "&date=" + cowinDate(date)).json().get("centers");

        assertThat(flat.get("fee_type").asString()).isEqualTo("Paid");
        assertThat(flat.get("fee").asString()).isEqualTo("780");
        hasFields(center, "vaccine_fees", JsonNodeType.ARRAY);
        hasFields(center.get("vaccine_fees").get(0), "vaccine", JsonNodeType.STRING, "fee", JsonNodeType.STRING);
        assertThat(center.get("vaccine_fees").get(0).get("vaccine").asString()).isEqualTo("COVISHIELD");
        assertThat(center.get("vaccine_fees").get(0).get("fee").asString()).isEqualTo("780");
    }

    @Test
    void filtersByVaccine() {
        LocalDate date = today().plusDays(2);
        int pincode = CowinFixtures.newPincode();
        Session session = fixtures.sessionAt(pincode, date, 7, 3);
        String path = "/api/v2/appointment/sessions/public/findByPin?pincode=" + pincode + "&date=" + cowinDate(date);

        assertThat(ids(cowin.get(path + "&vaccine=COVISHIELD").json().get("sessions"))).contains(session.id().toString());
        assertThat(ids(cowin.get(path + "&vaccine=COVAXIN").json().get("sessions"))).doesNotContain(session.id().toString());
    }

    @Test
    void findByDistrictAnswersEverySessionOfTheDistrictThatDay() {
        LocalDate date = today().plusDays(1);
        Session session = fixtures.sessionAt(CowinFixtures.newPincode(), date, 7, 3);
        String path = "/api/v2/appointment/sessions/public/findByDistrict?district_id=624&date=" + cowinDate(date);

        // the district's answer may have been read for another test up to 4 s ago
        JsonNode found = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> cowin.get(path).json().get("sessions"), sessions -> ids(sessions).contains(session.id().toString()));

        assertThat(found.size()).isGreaterThanOrEqualTo(7);
        found.forEach(flat -> {
            hasCenterFields(flat);
            hasSessionFields(flat);
            assertThat(flat.get("district_name").asString()).isEqualTo("Prayagraj");
            assertThat(flat.get("date").asString()).isEqualTo(cowinDate(date));
        });
    }

    @Test
    void calendarByPinAnswersCentersWithTheirSessionsOfSevenDays() {
        LocalDate from = today().plusDays(1);
        int pincode = CowinFixtures.newPincode();
        Session inside = fixtures.sessionAt(pincode, from.plusDays(6), 5, 0);
        Session outside = fixtures.sessionAt(pincode, from.plusDays(7), 5, 0);

        JsonNode centersFound = cowin.get("/api/v2/appointment/sessions/public/calendarByPin?pincode=" + pincode + "&date=" + cowinDate(from))
                .json().get("centers");

        assertThat(centersFound.isArray()).isTrue();
        JsonNode center = find(centersFound, "center_id", inside.centerId());
        hasCenterFields(center);
        hasFields(center, "sessions", JsonNodeType.ARRAY);
        center.get("sessions").forEach(CowinFixtures::hasSessionFields);
        assertThat(ids(center.get("sessions"))).containsExactly(inside.id().toString());
        assertThat(StreamSupport.stream(centersFound.spliterator(), false).map(c -> c.get("center_id").asInt()))
                .doesNotContain(outside.centerId());
    }

    @Test
    void calendarByDistrictAnswersCentersWithTheirSessions() {
        LocalDate from = today().plusDays(1);
        Session session = fixtures.sessionAt(CowinFixtures.newPincode(), from.plusDays(3), 5, 0);
        String path = "/api/v2/appointment/sessions/public/calendarByDistrict?district_id=624&date=" + cowinDate(from);

        // the district's answer may have been read for another test up to 4 s ago
        JsonNode centersFound = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> cowin.get(path).json().get("centers"), found -> StreamSupport.stream(found.spliterator(), false)
                        .anyMatch(c -> c.get("center_id").asInt() == session.centerId()));

        JsonNode center = find(centersFound, "center_id", session.centerId());
        hasCenterFields(center);
        assertThat(ids(center.get("sessions"))).containsExactly(session.id().toString());
        JsonNode beli = StreamSupport.stream(centersFound.spliterator(), false)
                .filter(c -> c.get("name").asString().startsWith("Tej Bahadur Sapru")).findFirst().orElseThrow();
        assertThat(beli.get("sessions")).hasSize(7);
        beli.get("sessions").forEach(CowinFixtures::hasSessionFields);
    }

    @Test
    void calendarByCenterAnswersASingleCenterObjectNotAList() {
        LocalDate from = today().plusDays(1);
        Session session = fixtures.sessionAt(CowinFixtures.newPincode(), from.plusDays(2), 5, 0);

        JsonNode body = cowin.get("/api/v2/appointment/sessions/public/calendarByCenter?center_id=" + session.centerId()
                + "&date=" + cowinDate(from)).json();

        assertThat(body.get("centers").isObject()).isTrue();
        hasCenterFields(body.get("centers"));
        assertThat(body.get("centers").get("center_id").asInt()).isEqualTo(session.centerId());
        assertThat(ids(body.get("centers").get("sessions"))).containsExactly(session.id().toString());
    }

    @Test
    void calendarByCenterOfAnUnknownCenterIsNotFound() {
        var reply = cowin.get("/api/v2/appointment/sessions/public/calendarByCenter?center_id=99999999&date=" + cowinDate(today()));

        assertThat(reply.status()).isEqualTo(404);
        hasFields(reply.json(), "errorCode", JsonNodeType.STRING, "error", JsonNodeType.STRING);
        assertThat(reply.json().get("errorCode").asString()).isEqualTo("center.error.not-found");
    }

    @Test
    void findByLatLongAnswersNearbyCentersWithoutSessions() {
        JsonNode body = cowin.get("/api/v2/appointment/centers/public/findByLatLong?lat=25.4358&long=81.8463").json();

        hasFields(body, "centers", JsonNodeType.ARRAY, "ttl", JsonNodeType.NUMBER);
        assertThat(body.get("centers").size()).isGreaterThanOrEqualTo(6);
        body.get("centers").forEach(center -> {
            hasCenterFields(center);
            assertThat(center.has("sessions")).isFalse();
        });
        assertThat(StreamSupport.stream(body.get("centers").spliterator(), false).map(c -> c.get("district_name").asString()))
                .contains("Prayagraj").doesNotContain("Raipur");
    }

    @Test
    void aDateInAnotherFormatIsA400InTheCallersLanguage() {
        var english = cowin.get("/api/v2/appointment/sessions/public/findByDistrict?district_id=624&date=2026-06-05");
        var hindi = cowin.inLanguage("hi_IN").get("/api/v2/appointment/sessions/public/findByDistrict?district_id=624&date=2026-06-05");

        assertThat(english.status()).isEqualTo(400);
        assertThat(english.json().get("errorCode").asString()).isEqualTo("cowin.error.date");
        assertThat(english.json().get("error").asString()).contains("DD-MM-YYYY");
        assertThat(hindi.json().get("error").asString()).contains("तारीख");
    }

    @Test
    void aMissingParameterOrABadPinCodeIsA400() {
        var missing = cowin.get("/api/v2/appointment/sessions/public/findByDistrict?district_id=624");
        var badPin = cowin.get("/api/v2/appointment/sessions/public/findByPin?pincode=12&date=" + cowinDate(today()));
        var notANumber = cowin.get("/api/v2/appointment/sessions/public/findByDistrict?district_id=abc&date=" + cowinDate(today()));

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errorCode").asString()).isEqualTo("cowin.error.parameter-missing");
        assertThat(badPin.status()).isEqualTo(400);
        assertThat(badPin.json().get("errorCode").asString()).isEqualTo("center.error.pincode");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().get("errorCode").asString()).isEqualTo("cowin.error.parameter-invalid");
    }

    @Test
    void aBookingIsInThePublicAnswerWithinFiveSeconds() {
        LocalDate date = today().plusDays(4);
        int pincode = CowinFixtures.newPincode();
        Session session = fixtures.sessionAt(pincode, date, 5, 0);
        String path = "/api/v2/appointment/sessions/public/findByPin?pincode=" + pincode + "&date=" + cowinDate(date);
        assertThat(dose1Available(path, session)).isEqualTo(5);
        String mobile = CowinFixtures.newMobile();
        Beneficiary person = fixtures.registered(mobile, "Fresh Answer", 1990);

        bookings.book(mobile, person.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);

        // the signed-in search reads the database: exact at once
        String signedIn = "/api/v2/appointment/sessions/findByPin?pincode=" + pincode + "&date=" + cowinDate(date);
        assertThat(find(cowin.get(signedIn, fixtures.tokenFor(mobile)).json().get("sessions"), "session_id", session.id().toString())
                .get("available_capacity_dose1").asInt()).isEqualTo(4);
        // the public one is served from memory, and is never more than 5 s behind
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> dose1Available(path, session) == 4);
    }

    @Test
    void aCallerOverItsQuotaGets429WithRetryAfter() {
        var bot = cowin.from(CowinFixtures.newAddress());
        CowinCalls.Reply reply = null;
        for (int i = 0; i < 2_500; i++) {
            reply = bot.get("/api/v2/admin/location/states");
            if (reply.status() != 200) {
                break;
            }
        }

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(reply.json().get("errorCode").asString()).isEqualTo("request.error.quota");
        assertThat(cowin.from(CowinFixtures.newAddress()).get("/api/v2/admin/location/states").status()).isEqualTo(200);
    }

    @Test
    void anyWebPageMayCallIt() throws Exception {
        mvc.perform(options("/api/v2/appointment/sessions/public/findByDistrict")
                        .header("Origin", "https://slots.example.org")
                        .header("Access-Control-Request-Method", "GET"))
                .andExpect(header().string("Access-Control-Allow-Origin", "https://slots.example.org"));
    }

    private int dose1Available(String path, Session session) {
        return find(cowin.get(path).json().get("sessions"), "session_id", session.id().toString())
                .get("available_capacity_dose1").asInt();
    }

    static JsonNode find(JsonNode array, String field, Object value) {
        for (JsonNode element : array) {
            if (element.get(field) != null && element.get(field).asString().equals(String.valueOf(value))) {
                return element;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value + " in " + array);
    }

    static List<String> ids(JsonNode sessions) {
        return StreamSupport.stream(sessions.spliterator(), false).map(s -> s.get("session_id").asString()).toList();
    }
}
