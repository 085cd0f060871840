package org.teeka.cowin;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
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
import org.teeka.vaccination.DoseRecords;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeType;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teeka.cowin.CowinFixtures.cowinDate;
import static org.teeka.cowin.CowinFixtures.hasFields;
import static org.teeka.cowin.CowinFixtures.today;
import static org.teeka.cowin.CowinPublicApiIntegrationTests.find;

/** The signed-in half of the CoWIN API: the family, booking, rescheduling, cancelling, slips; capacity moving as it should. */
@IntegrationTest
class CowinFamilyAndBookingIntegrationTests {

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

    @Autowired
    DoseRecords doseRecords;

    @Autowired
    JdbcClient jdbc;

    CowinCalls cowin;
    CowinFixtures fixtures;
    String mobile;
    String token;

    @BeforeEach
    void setUp() {
        cowin = new CowinCalls(mvc).from(CowinFixtures.newAddress());
        fixtures = new CowinFixtures(centers, sessions, beneficiaries, tokens);
        mobile = CowinFixtures.newMobile();
        token = fixtures.tokenFor(mobile);
    }

    @Test
    void registersABeneficiaryAndListsThemWithEveryField() {
        String voterId = CowinFixtures.newVoterId();
        var reply = register("Asha Devi", "1980", 2, 2, voterId, "Y");

        assertThat(reply.status()).isEqualTo(200);
        hasFields(reply.json(), "beneficiary_reference_id", JsonNodeType.STRING);
        String reference = reply.json().get("beneficiary_reference_id").asString();
        assertThat(reference).matches("[1-9][0-9]{13}");

        JsonNode listed = find(family(), "beneficiary_reference_id", reference);
        hasFields(listed, "beneficiary_reference_id", JsonNodeType.STRING, "name", JsonNodeType.STRING,
                "birth_year", JsonNodeType.STRING, "gender", JsonNodeType.STRING, "mobile_number", JsonNodeType.STRING,
                "photo_id_type", JsonNodeType.STRING, "photo_id_number", JsonNodeType.STRING,
                "comorbidity_ind", JsonNodeType.STRING, "vaccination_status", JsonNodeType.STRING,
                "vaccine", JsonNodeType.STRING, "dose1_date", JsonNodeType.STRING, "dose2_date", JsonNodeType.STRING,
                "appointments", JsonNodeType.ARRAY);
        assertThat(listed.get("name").asString()).isEqualTo("Asha Devi");
        assertThat(listed.get("birth_year").asString()).isEqualTo("1980");
        assertThat(listed.get("gender").asString()).isEqualTo("Female");
        assertThat(listed.get("mobile_number").asString()).isEqualTo(mobile.substring(6));
        assertThat(listed.get("photo_id_type").asString()).isEqualTo("Voter ID (EPIC)");
        assertThat(listed.get("photo_id_number").asString()).isEqualTo("XXXXXXXX" + voterId.substring(6)).doesNotContain(voterId);
        assertThat(listed.get("comorbidity_ind").asString()).isEqualTo("Y");
        assertThat(listed.get("vaccination_status").asString()).isEqualTo("Not Vaccinated");
        assertThat(listed.get("vaccine").asString()).isEmpty();
        assertThat(listed.get("dose1_date").asString()).isEmpty();
        assertThat(listed.get("appointments").isEmpty()).isTrue();
        assertThat(beneficiaries.byReference(reference, mobile).districtId()).isEqualTo(624);
    }

    @Test
    void listsDosesAsCowinsVaccinationStatus() {
        Beneficiary person = fixtures.registered(mobile, "Partly Done", 1975);
        LocalDate given = today().minusDays(90);
        doseRecords.record(person.id(), 1, "COVISHIELD", given, null);

        JsonNode listed = find(family(), "beneficiary_reference_id", person.referenceId());

        assertThat(listed.get("vaccination_status").asString()).isEqualTo("Partially Vaccinated");
        assertThat(listed.get("vaccine").asString()).isEqualTo("COVISHIELD");
        assertThat(listed.get("dose1_date").asString()).isEqualTo(cowinDate(given));
        assertThat(listed.get("dose2_date").asString()).isEmpty();
        assertThat(listed.get("dose2_due_date").asString()).isEqualTo(cowinDate(given.plusDays(84)));
        assertThat(listed.get("comorbidity_ind").asString()).as("not asked outside the CoWIN API").isEmpty();

        doseRecords.record(person.id(), 2, "COVISHIELD", today().minusDays(1), null);
        JsonNode done = find(family(), "beneficiary_reference_id", person.referenceId());
        assertThat(done.get("vaccination_status").asString()).isEqualTo("Vaccinated");
        assertThat(done.get("dose2_date").asString()).isEqualTo(cowinDate(today().minusDays(1)));
    }

    @Test
    void aRegistrationTeekaRefusesIsExplained() {
        var noName = register(null, "1980", 1, 2, CowinFixtures.newVoterId(), "N");
        var badGender = register("Someone", "1980", 9, 2, CowinFixtures.newVoterId(), "N");
        var badId = register("Someone", "1980", 1, 2, "12345", "N");
        var hindi = cowin.inLanguage("hi_IN").post("/api/v2/registration/beneficiary/new", token,
                "{\"name\":\"Someone\",\"birth_year\":\"1980\",\"gender_id\":1,\"photo_id_type\":2,\"photo_id_number\":\"12345\"}");

        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().get("errorCode").asString()).isEqualTo("cowin.error.field-invalid");
        assertThat(noName.json().get("error").asString()).startsWith("name:");
        assertThat(badGender.status()).isEqualTo(400);
        assertThat(badGender.json().get("errorCode").asString()).isEqualTo("beneficiary.error.gender-unknown");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("errorCode").asString()).isEqualTo("beneficiary.error.voter-id-invalid");
        assertThat(hindi.json().get("error").asString()).contains("अंक");
    }

    @Test
    void aMobileRegistersAtMostFourAndAnIdNumberOnlyOnce() {
        String voterId = CowinFixtures.newVoterId();
        assertThat(register("One", "1980", 1, 2, voterId, "N").status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(register("Member " + i, "1980", 1, 2, CowinFixtures.newVoterId(), "N").status()).isEqualTo(200);
        }

        var fifth = register("Fifth", "1980", 1, 2, CowinFixtures.newVoterId(), "N");
        var sameId = cowin.post("/api/v2/registration/beneficiary/new", fixtures.tokenFor(CowinFixtures.newMobile()),
                "{\"name\":\"Other\",\"birth_year\":\"1980\",\"gender_id\":1,\"photo_id_type\":2,\"photo_id_number\":\"" + voterId + "\"}");

        assertThat(fifth.status()).isEqualTo(422);
        assertThat(fifth.json().get("errorCode").asString()).isEqualTo("beneficiary.error.family-full");
        assertThat(sameId.status()).isEqualTo(422);
        assertThat(sameId.json().get("errorCode").asString()).isEqualTo("beneficiary.error.id-taken");
    }

    @Test
    void takesTheLocationFromAGivenPinCode() {
        var reply = cowin.post("/api/v2/registration/beneficiary/new", token,
                "{\"name\":\"Raipur Resident\",\"birth_year\":1990,\"gender_id\":\"1\",\"photo_id_type\":2,\"photo_id_number\":\""
                        + CowinFixtures.newVoterId() + "\",\"pincode\":492001}");

        assertThat(reply.status()).isEqualTo(200);
        Beneficiary registered = beneficiaries.byReference(reply.json().get("beneficiary_reference_id").asString(), mobile);
        assertThat(registered.pincode()).isEqualTo(492001);
        assertThat(registered.districtId()).isEqualTo(109);
    }

    @Test
    void removesABeneficiaryNothingHappenedTo() {
        String reference = register("To Remove", "1990", 1, 2, CowinFixtures.newVoterId(), "Y").json()
                .get("beneficiary_reference_id").asString();
        Beneficiary person = beneficiaries.byReference(reference, mobile);
        Session session = fixtures.sessionAt(CowinFixtures.newPincode(), today().plusDays(1), 5, 0);
        String appointment = schedule(1, session, "09:00AM-01:00PM", reference).json().get("appointment_id").asString();
        cowin.post("/api/v2/appointment/cancel", token, "{\"appointment_id\":\"" + appointment + "\",\"beneficiariesToCancel\":[]}");

        var reply = cowin.post("/api/v2/registration/beneficiary/delete", token,
                "{\"beneficiary_reference_id\":\"" + reference + "\"}");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(family().isEmpty()).isTrue();
        assertThat(beneficiaries.find(person.id())).isEmpty();
        assertThat(capacity(session)).containsExactly(5, 0);
    }

    @Test
    void doesNotRemoveABeneficiaryWithAnAppointmentOrAnotherFamilys() {
        Beneficiary person = fixtures.registered(mobile, "Booked", 1990);
        Session session = fixtures.sessionAt(CowinFixtures.newPincode(), today().plusDays(1), 5, 0);
        bookings.book(mobile, person.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, java.util.Locale.ENGLISH);

        var booked = cowin.post("/api/v2/registration/beneficiary/delete", token,
                "{\"beneficiary_reference_id\":\"" + person.referenceId() + "\"}");
        var others = cowin.post("/api/v2/registration/beneficiary/delete", fixtures.tokenFor(CowinFixtures.newMobile()),
                "{\"beneficiary_reference_id\":\"" + person.referenceId() + "\"}");

        assertThat(booked.status()).isEqualTo(409);
        assertThat(booked.json().get("errorCode").asString()).isEqualTo("booking.error.beneficiary-has-appointment");
        assertThat(others.status()).isEqualTo(404);
        assertThat(family()).hasSize(1);
    }

    @Test
    void certificatesAreNotIssuedYetAndSaySo() {
        Beneficiary person = fixtures.registered(mobile, "Wants Certificate", 1990);

        var reply = cowin.get("/api/v2/registration/certificate/public/download?beneficiary_reference_id=" + person.referenceId(), token);
        var others = cowin.get("/api/v2/registration/certificate/public/download?beneficiary_reference_id=" + person.referenceId(),
                fixtures.tokenFor(CowinFixtures.newMobile()));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("errorCode").asString()).isEqualTo("cowin.error.certificate-unavailable");
        assertThat(reply.json().get("error").asString()).contains("not issued");
        assertThat(others.status()).isEqualTo(404);
        assertThat(others.json().get("errorCode").asString()).isEqualTo("beneficiary.error.not-found");
    }

    @Test
    void schedulesAndListsTheAppointmentWithEveryField() {
        Beneficiary person = fixtures.registered(mobile, "Books Once", 1990);
        LocalDate date = today().plusDays(2);
        Session session = fixtures.sessionAt(CowinFixtures.newPincode(), date, 5, 2);

        var reply = schedule(1, session, "01:00PM-05:00PM", person.referenceId());

        assertThat(reply.status()).isEqualTo(200);
        hasFields(reply.json(), "appointment_confirmation_no", JsonNodeType.STRING, "appointment_id", JsonNodeType.STRING);
        String id = reply.json().get("appointment_confirmation_no").asString();
        assertThat(reply.json().get("appointment_id").asString()).isEqualTo(id);
        JsonNode appointment = find(family(), "beneficiary_reference_id", person.referenceId()).get("appointments").get(0);
        hasFields(appointment, "appointment_id", JsonNodeType.STRING, "center_id", JsonNodeType.NUMBER, "name", JsonNodeType.STRING,
                "state_name", JsonNodeType.STRING, "district_name", JsonNodeType.STRING, "block_name", JsonNodeType.STRING,
                "from", JsonNodeType.STRING, "to", JsonNodeType.STRING, "dose", JsonNodeType.NUMBER,
                "session_id", JsonNodeType.STRING, "date", JsonNodeType.STRING, "slot", JsonNodeType.STRING);
        assertThat(appointment.get("appointment_id").asString()).isEqualTo(id);
        assertThat(appointment.get("center_id").asInt()).isEqualTo(session.centerId());
        assertThat(appointment.get("state_name").asString()).isEqualTo("Uttar Pradesh");
        assertThat(appointment.get("district_name").asString()).isEqualTo("Prayagraj");
        assertThat(appointment.get("block_name").asString()).isEqualTo("Chaka");
        assertThat(appointment.get("from").asString()).isEqualTo("09:00:00");
        assertThat(appointment.get("dose").asInt()).isEqualTo(1);
        assertThat(appointment.get("session_id").asString()).isEqualTo(session.id().toString());
        assertThat(appointment.get("date").asString()).isEqualTo(cowinDate(date));
        assertThat(appointment.get("slot").asString()).isEqualTo("01:00PM-05:00PM");
        assertThat(capacity(session)).containsExactly(4, 2);
    }

    @Test
    void aSessionFullForTheDoseIsAppoin0040() {
        Session session = fixtures.sessionAt(CowinFixtures.newPincode(), today().plusDays(2), 1, 5);
        Beneficiary first = fixtures.registered(mobile, "First", 1990);
        Beneficiary second = fixtures.registered(mobile, "Second", 1991);
        assertThat(schedule(1, session, "09:00AM-01:00PM", first.referenceId()).status()).isEqualTo(200);

        var reply = schedule(1, session, "09:00AM-01:00PM", second.referenceId());

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().get("errorCode").asString()).isEqualTo("APPOIN0040");
        assertThat(reply.json().get("error").asString()).isNotBlank();
        assertThat(capacity(session)).containsExactly(0, 5);
    }

    @Test
    void booksAFamilyTogetherUnderOneAppointmentOrNoneOfThem() {
        Beneficiary a = fixtures.registered(mobile, "Family A", 1980);
        Beneficiary b = fixtures.registered(mobile, "Family B", 1982);
        Session tooSmall = fixtures.sessionAt(CowinFixtures.newPincode(), today().plusDays(3), 1, 0);
        Session roomy = fixtures.sessionAt(CowinFixtures.newPincode(), today().plusDays(3), 5, 0);

        var refused = schedule(1, tooSmall, "09:00AM-01:00PM", a.referenceId(), b.referenceId());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("errorCode").asString()).isEqualTo("APPOIN0040");
        assertThat(capacity(tooSmall)).containsExactly(1, 0);
        assertThat(bookings.activeOf(a.id())).isEmpty();

        var booked = schedule(1, roomy, "09:00AM-01:00PM", a.referenceId(), b.referenceId());
        assertThat(booked.status()).isEqualTo(200);
        String id = booked.json().get("appointment_id").asString();
        assertThat(capacity(roomy)).containsExactly(3, 0);
        JsonNode family = family();
        assertThat(find(family, "beneficiary_reference_id", a.referenceId()).get("appointments").get(0).get("appointment_id").asString()).isEqualTo(id);
        assertThat(find(family, "beneficiary_reference_id", b.referenceId()).get("appointments").get(0).get("appointment_id").asString()).isEqualTo(id);

        var cancelOne = cowin.post("/api/v2/appointment/cancel", token,
                "{\"appointment_id\":\"" + id + "\",\"beneficiariesToCancel\":[\"" + b.referenceId() + "\"]}");
        assertThat(cancelOne.status()).isEqualTo(204);
        assertThat(capacity(roomy)).containsExactly(4, 0);
        assertThat(bookings.activeOf(a.id())).hasSize(1);
        assertThat(bookings.activeOf(b.id())).isEmpty();
    }

    @Test
    void reschedulesKeepingTheAppointmentIdAndMovingTheCapacity() {
        Beneficiary person = fixtures.registered(mobile, "Moves", 1990);
        Session from = fixtures.sessionAt(CowinFixtures.newPincode(), today().plusDays(2), 5, 0);
        Session to = fixtures.sessionAt(CowinFixtures.newPincode(), today().plusDays(5), 5, 0);
        String id = schedule(1, from, "09:00AM-01:00PM", person.referenceId()).json().get("appointment_id").asString();

        var reply = cowin.post("/api/v2/appointment/reschedule", token,
                "{\"appointment_id\":\"" + id + "\",\"session_id\":\"" + to.id() + "\",\"slot\":\"01:00PM-05:00PM\"}");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(capacity(from)).containsExactly(5, 0);
        assertThat(capacity(to)).containsExactly(4, 0);
        JsonNode appointment = find(family(), "beneficiary_reference_id", person.referenceId()).get("appointments").get(0);
        assertThat(appointment.get("appointment_id").asString()).isEqualTo(id);
        assertThat(appointment.get("session_id").asString()).isEqualTo(to.id().toString());
        assertThat(appointment.get("date").asString()).isEqualTo(cowinDate(today().plusDays(5)));
        assertThat(appointment.get("slot").asString()).isEqualTo("01:00PM-05:00PM");

        var again = cowin.post("/api/v2/appointment/reschedule", token,
                "{\"appointment_id\":\"" + id + "\",\"session_id\":\"" + from.id() + "\",\"slot\":\"09:00AM-01:00PM\"}");
        assertThat(again.status()).isEqualTo(204);
        assertThat(capacity(from)).containsExactly(4, 0);
        assertThat(capacity(to)).containsExactly(5, 0);
    }

    @Test
    void cancelsAndFreesThePlaceOnce() {
        Beneficiary person = fixtures.registered(mobile, "Cancels", 1990);
        Session session = fixtures.sessionAt(CowinFixtures.newPincode(), today().plusDays(2), 5, 0);
        String id = schedule(1, session, "09:00AM-01:00PM", person.referenceId()).json().get("appointment_id").asString();
        assertThat(capacity(session)).containsExactly(4, 0);

        var reply = cowin.post("/api/v2/appointment/cancel", token,
                "{\"appointment_id\":\"" + id + "\",\"beneficiariesToCancel\":[\"" + person.referenceId() + "\"]}");
        var twice = cowin.post("/api/v2/appointment/cancel", token,
                "{\"appointment_id\":\"" + id + "\",\"beneficiariesToCancel\":[\"" + person.referenceId() + "\"]}");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(capacity(session)).containsExactly(5, 0);
        assertThat(find(family(), "beneficiary_reference_id", person.referenceId()).get("appointments").isEmpty()).isTrue();
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("errorCode").asString()).isEqualTo("booking.error.not-active");
        assertThat(capacity(session)).containsExactly(5, 0);
    }

    @Test
    void anotherFamilysAppointmentIsNotFound() {
        Beneficiary person = fixtures.registered(mobile, "Private", 1990);
        Session session = fixtures.sessionAt(CowinFixtures.newPincode(), today().plusDays(2), 5, 0);
        String id = schedule(1, session, "09:00AM-01:00PM", person.referenceId()).json().get("appointment_id").asString();
        String stranger = fixtures.tokenFor(CowinFixtures.newMobile());

        var cancel = cowin.post("/api/v2/appointment/cancel", stranger, "{\"appointment_id\":\"" + id + "\",\"beneficiariesToCancel\":[]}");
        var slip = cowin.get("/api/v2/appointment/appointmentslip/download?appointment_id=" + id, stranger);
        var book = cowin.post("/api/v2/appointment/schedule", stranger, "{\"dose\":1,\"session_id\":\"" + session.id()
                + "\",\"slot\":\"09:00AM-01:00PM\",\"beneficiaries\":[\"" + person.referenceId() + "\"]}");

        assertThat(cancel.status()).isEqualTo(404);
        assertThat(slip.status()).isEqualTo(404);
        assertThat(book.status()).isEqualTo(404);
        assertThat(capacity(session)).containsExactly(4, 0);
    }

    @Test
    void downloadsTheSlipAsAPdfInTheCallersLanguage() throws Exception {
        Beneficiary person = fixtures.registered(mobile, "Slip Holder", 1990);
        Session session = fixtures.sessionAt(CowinFixtures.newPincode(), today().plusDays(2), 5, 0);
        String id = schedule(1, session, "09:00AM-01:00PM", person.referenceId()).json().get("appointment_id").asString();
        String securityCode = bookings.get(UUID.fromString(id), mobile).securityCode();

        var english = cowin.get("/api/v2/appointment/appointmentslip/download?appointment_id=" + id, token);
        var hindi = cowin.inLanguage("hi_IN").get("/api/v2/appointment/appointmentslip/download?appointment_id=" + id, token);

        assertThat(english.status()).isEqualTo(200);
        assertThat(english.response().getContentType()).isEqualTo("application/pdf");
        assertThat(english.header("Content-Disposition")).startsWith("attachment");
        try (var pdf = Loader.loadPDF(english.bytes())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("Security code").contains(securityCode).contains(person.referenceId());
        }
        try (var pdf = Loader.loadPDF(hindi.bytes())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("सुरक्षा कोड").contains(securityCode);
        }
    }

    @Test
    void refusesWhatTheEngineCannotPlace() {
        Beneficiary person = fixtures.registered(mobile, "Picky", 1990);
        Session session = fixtures.sessionAt(CowinFixtures.newPincode(), today().plusDays(2), 5, 0);

        var unknownSlot = schedule(1, session, "07:00AM-08:00AM", person.referenceId());
        var unknownSession = cowin.post("/api/v2/appointment/schedule", token, "{\"dose\":1,\"session_id\":\"" + UUID.randomUUID()
                + "\",\"slot\":\"09:00AM-01:00PM\",\"beneficiaries\":[\"" + person.referenceId() + "\"]}");
        var otherCenter = cowin.post("/api/v2/appointment/schedule", token, "{\"dose\":1,\"session_id\":\"" + session.id()
                + "\",\"center_id\":1,\"slot\":\"09:00AM-01:00PM\",\"beneficiaries\":[\"" + person.referenceId() + "\"]}");
        var noBeneficiary = cowin.post("/api/v2/appointment/schedule", token, "{\"dose\":1,\"session_id\":\"" + session.id()
                + "\",\"slot\":\"09:00AM-01:00PM\",\"beneficiaries\":[]}");
        var secondDoseFirst = schedule(2, session, "09:00AM-01:00PM", person.referenceId());

        assertThat(unknownSlot.status()).isEqualTo(400);
        assertThat(unknownSlot.json().get("errorCode").asString()).isEqualTo("booking.error.slot-unknown");
        assertThat(unknownSession.status()).isEqualTo(404);
        assertThat(unknownSession.json().get("errorCode").asString()).isEqualTo("booking.error.session-unknown");
        assertThat(otherCenter.status()).isEqualTo(400);
        assertThat(otherCenter.json().get("errorCode").asString()).isEqualTo("cowin.error.center-mismatch");
        assertThat(noBeneficiary.status()).isEqualTo(400);
        assertThat(secondDoseFirst.status()).isEqualTo(422);
        assertThat(secondDoseFirst.json().get("errorCode").asString()).isEqualTo("booking.error.previous-dose-missing");
        assertThat(capacity(session)).containsExactly(5, 0);
    }

    @Test
    void aRetriedScheduleWithTheSameIdempotencyKeyBooksOnce() throws Exception {
        Beneficiary person = fixtures.registered(mobile, "Double Click", 1990);
        Session session = fixtures.sessionAt(CowinFixtures.newPincode(), today().plusDays(2), 5, 0);
        String body = "{\"dose\":1,\"session_id\":\"" + session.id() + "\",\"slot\":\"09:00AM-01:00PM\",\"beneficiaries\":[\""
                + person.referenceId() + "\"]}";
        String key = UUID.randomUUID().toString();

        String first = scheduleWithKey(body, key);
        String second = scheduleWithKey(body, key);

        assertThat(second).isEqualTo(first);
        assertThat(capacity(session)).containsExactly(4, 0);
    }

    @Test
    void theCaptchaIsAnSvgOfOutlinesWithNoTextToCopy() throws Exception {
        var reply = cowin.post("/api/v2/auth/getRecaptcha", token, "{}");

        assertThat(reply.status()).isEqualTo(200);
        hasFields(reply.json(), "captcha", JsonNodeType.STRING);
        String svg = reply.json().get("captcha").asString();
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(document.getElementsByTagName("path").getLength()).isEqualTo(4 + 5);
        assertThat(document.getElementsByTagName("text").getLength()).isZero();
    }

    @Test
    void theSignedInSearchesAnswerTheSameShapesReadAfresh() {
        LocalDate date = today().plusDays(2);
        int pincode = CowinFixtures.newPincode();
        Session session = fixtures.sessionAt(pincode, date, 5, 1);

        JsonNode byPin = cowin.get("/api/v2/appointment/sessions/findByPin?pincode=" + pincode + "&date=" + cowinDate(date), token).json();
        JsonNode byDistrict = cowin.get("/api/v2/appointment/sessions/findByDistrict?district_id=624&date=" + cowinDate(date), token).json();
        JsonNode calendarByPin = cowin.get("/api/v2/appointment/sessions/calendarByPin?pincode=" + pincode + "&date=" + cowinDate(date), token).json();
        JsonNode calendarByDistrict = cowin.get("/api/v2/appointment/sessions/calendarByDistrict?district_id=624&date=" + cowinDate(date), token).json();

        for (JsonNode flat : List.of(find(byPin.get("sessions"), "session_id", session.id().toString()),
                find(byDistrict.get("sessions"), "session_id", session.id().toString()))) {
            CowinFixtures.hasCenterFields(flat);
            CowinFixtures.hasSessionFields(flat);
        }
        for (JsonNode calendar : List.of(calendarByPin, calendarByDistrict)) {
            JsonNode center = find(calendar.get("centers"), "center_id", session.centerId());
            CowinFixtures.hasCenterFields(center);
            CowinFixtures.hasSessionFields(center.get("sessions").get(0));
        }
    }

    private CowinCalls.Reply register(String name, String birthYear, int genderId, int idType, String idNumber, String comorbidity) {
        return cowin.post("/api/v2/registration/beneficiary/new", token,
                "{\"name\":" + (name == null ? "null" : "\"" + name + "\"") + ",\"birth_year\":\"" + birthYear + "\",\"gender_id\":"
                        + genderId + ",\"photo_id_type\":" + idType + ",\"photo_id_number\":\"" + idNumber
                        + "\",\"comorbidity_ind\":\"" + comorbidity + "\",\"consent_version\":\"V1\"}");
    }

    private CowinCalls.Reply schedule(int dose, Session session, String slot, String... references) {
        return cowin.post("/api/v2/appointment/schedule", token, "{\"dose\":" + dose + ",\"session_id\":\"" + session.id()
                + "\",\"center_id\":" + session.centerId() + ",\"slot\":\"" + slot + "\",\"beneficiaries\":[\""
                + String.join("\",\"", references) + "\"]}");
    }

    private String scheduleWithKey(String body, String key) throws Exception {
        var response = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v2/appointment/schedule")
                        .contentType("application/json").content(body).header("Authorization", token).header("Idempotency-Key", key))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return CowinFixtures.json(response.getContentAsString()).get("appointment_id").asString();
    }

    private JsonNode family() {
        var reply = cowin.get("/api/v2/appointment/beneficiaries", token);
        assertThat(reply.status()).isEqualTo(200);
        hasFields(reply.json(), "beneficiaries", JsonNodeType.ARRAY);
        return reply.json().get("beneficiaries");
    }

    /** Places left for dose 1 and dose 2, read from the database. */
    private List<Integer> capacity(Session session) {
        Session now = sessions.find(session.id()).orElseThrow();
        return List.of(now.dose1Available(), now.dose2Available());
    }
}
