package org.teeka.cowin;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.teeka.IntegrationTest;
import org.teeka.SmscInbox;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A CoWIN client's whole journey against a running Teeka, over real HTTP with nothing but the
 * base URL changed: states, districts, sessions, OTP sign-in, a new beneficiary, booking, seeing
 * the booking, rescheduling, the slip, cancelling; watching {@code available_capacity_dose1} move
 * by exactly one each time. The OTP is read where a person reads it: from the SMS the local SMSC
 * received ({@code GET /smsc/messages?mobile=}), sent there over SMPP by the dispatcher.
 */
@IntegrationTest
class CowinClientJourneyIntegrationTests {

    private static final DateTimeFormatter COWIN_DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String token;

    @Test
    void aCowinClientFindsSignsInRegistersBooksReschedulesDownloadsTheSlipAndCancels() throws Exception {
        // states and districts, with the Hindi names a hi_IN client asks for
        int stateId = 0;
        for (JsonNode state : get("/api/v2/admin/location/states").get("states")) {
            if (state.get("state_name").asString().equals("Uttar Pradesh")) {
                stateId = state.get("state_id").asInt();
            }
        }
        JsonNode prayagraj = null;
        for (JsonNode district : get("/api/v2/admin/location/districts/" + stateId, "hi_IN").get("districts")) {
            if (district.get("district_name").asString().equals("Prayagraj")) {
                prayagraj = district;
            }
        }
        assertThat(prayagraj).isNotNull();
        assertThat(prayagraj.get("district_name_l").asString()).isEqualTo("प्रयागराज");
        int districtId = prayagraj.get("district_id").asInt();

        // sessions a week from now, and another day to move to
        LocalDate from = LocalDate.now(ZoneId.of("Asia/Kolkata")).plusDays(8);
        JsonNode calendar = get("/api/v2/appointment/sessions/public/calendarByDistrict?district_id=" + districtId
                + "&date=" + from.format(COWIN_DATE) + "&vaccine=COVISHIELD");
        JsonNode center = calendar.get("centers").get(0);
        JsonNode first = center.get("sessions").get(0);
        JsonNode second = center.get("sessions").get(1);
        int centerId = center.get("center_id").asInt();
        String firstSession = first.get("session_id").asString();
        String secondSession = second.get("session_id").asString();
        assertThat(first.get("slots").get(0).isString()).isTrue();

        // sign in with the OTP, sent as the SHA-256 of its digits
        String mobile = "8" + String.format("%09d", System.nanoTime() % 1_000_000_000L);
        String txnId = post("/api/v2/auth/public/generateOTP", "{\"mobile\":\"" + mobile + "\"}").get("txnId").asString();
        // the code as the phone got it: from the local SMSC, over HTTP, like the client's user reading it
        String otp = new SmscInbox(port).otp(mobile);
        token = post("/api/v2/auth/public/confirmOTP", "{\"otp\":\"" + CowinSignInIntegrationTests.sha256(otp) + "\",\"txnId\":\""
                + txnId + "\"}").get("token").asString();
        assertThat(get("/api/v2/appointment/beneficiaries").get("beneficiaries").isEmpty()).isTrue();

        // a beneficiary, with an ID type and gender from the lists
        int voterIdType = 0;
        for (JsonNode type : get("/api/v2/registration/beneficiary/idTypes").get("types")) {
            if (type.get("type").asString().startsWith("Voter ID")) {
                voterIdType = type.get("id").asInt();
            }
        }
        int female = get("/api/v2/registration/beneficiary/genders").get("genders").get(1).get("id").asInt();
        String reference = post("/api/v2/registration/beneficiary/new", "{\"name\":\"Journey Client\",\"birth_year\":\"1988\","
                + "\"gender_id\":" + female + ",\"photo_id_type\":" + voterIdType + ",\"photo_id_number\":\"JRN"
                + String.format("%07d", System.nanoTime() % 10_000_000L) + "\",\"comorbidity_ind\":\"N\",\"consent_version\":\"V1\"}")
                .get("beneficiary_reference_id").asString();
        assertThat(get("/api/v2/appointment/beneficiaries").get("beneficiaries").get(0).get("beneficiary_reference_id").asString())
                .isEqualTo(reference);

        // book: the place is taken, exactly one
        int firstBefore = dose1(districtId, from, firstSession);
        // the same session as findByDistrict lists it for its day
        JsonNode found = null;
        for (JsonNode session : get("/api/v2/appointment/sessions/public/findByDistrict?district_id=" + districtId + "&date="
                + first.get("date").asString()).get("sessions")) {
            if (session.get("session_id").asString().equals(firstSession)) {
                found = session;
            }
        }
        assertThat(found).as("findByDistrict lists " + firstSession).isNotNull();
        assertThat(found.get("center_id").asInt()).isEqualTo(centerId);
        int secondBefore = dose1(districtId, from, secondSession);
        JsonNode booked = post("/api/v2/appointment/schedule", "{\"dose\":1,\"session_id\":\"" + firstSession + "\",\"center_id\":"
                + centerId + ",\"slot\":\"" + first.get("slots").get(0).asString() + "\",\"beneficiaries\":[\"" + reference + "\"]}");
        String appointmentId = booked.get("appointment_confirmation_no").asString();
        assertThat(dose1(districtId, from, firstSession)).isEqualTo(firstBefore - 1);
        String publicPath = "/api/v2/appointment/sessions/public/calendarByDistrict?district_id=" + districtId + "&date="
                + from.format(COWIN_DATE) + "&vaccine=COVISHIELD";
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> dose1In(get(publicPath), firstSession) == firstBefore - 1);

        // see the booking
        JsonNode appointment = get("/api/v2/appointment/beneficiaries").get("beneficiaries").get(0).get("appointments").get(0);
        assertThat(appointment.get("appointment_id").asString()).isEqualTo(appointmentId);
        assertThat(appointment.get("session_id").asString()).isEqualTo(firstSession);
        assertThat(appointment.get("dose").asInt()).isEqualTo(1);

        // reschedule to the next day: the first place comes back, the second is taken
        assertThat(send("POST", "/api/v2/appointment/reschedule", "{\"appointment_id\":\"" + appointmentId + "\",\"session_id\":\""
                + secondSession + "\",\"slot\":\"" + second.get("slots").get(1).asString() + "\"}").statusCode()).isEqualTo(204);
        assertThat(dose1(districtId, from, firstSession)).isEqualTo(firstBefore);
        assertThat(dose1(districtId, from, secondSession)).isEqualTo(secondBefore - 1);
        JsonNode moved = get("/api/v2/appointment/beneficiaries").get("beneficiaries").get(0).get("appointments").get(0);
        assertThat(moved.get("appointment_id").asString()).isEqualTo(appointmentId);
        assertThat(moved.get("session_id").asString()).isEqualTo(secondSession);

        // the slip
        HttpResponse<byte[]> slip = http.send(request("GET", "/api/v2/appointment/appointmentslip/download?appointment_id="
                + appointmentId, null, null).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(slip.statusCode()).isEqualTo(200);
        assertThat(slip.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(new String(slip.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        // cancel: the place is free again, and the booking gone
        assertThat(send("POST", "/api/v2/appointment/cancel", "{\"appointment_id\":\"" + appointmentId
                + "\",\"beneficiariesToCancel\":[\"" + reference + "\"]}").statusCode()).isEqualTo(204);
        assertThat(dose1(districtId, from, secondSession)).isEqualTo(secondBefore);
        assertThat(get("/api/v2/appointment/beneficiaries").get("beneficiaries").get(0).get("appointments").isEmpty()).isTrue();
        // and the public calendar, served from memory, shows both places back within its 5 seconds
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> dose1In(get(publicPath), firstSession) == firstBefore && dose1In(get(publicPath), secondSession) == secondBefore);
    }

    /** Places left for dose 1 in a session, from the signed-in calendar, which reads the database. */
    private int dose1(int districtId, LocalDate from, String sessionId) throws Exception {
        return dose1In(get("/api/v2/appointment/sessions/calendarByDistrict?district_id=" + districtId + "&date="
                + from.format(COWIN_DATE) + "&vaccine=COVISHIELD"), sessionId);
    }

    private static int dose1In(JsonNode calendar, String sessionId) {
        for (JsonNode center : calendar.get("centers")) {
            for (JsonNode session : center.get("sessions")) {
                if (session.get("session_id").asString().equals(sessionId)) {
                    return session.get("available_capacity_dose1").asInt();
                }
            }
        }
        throw new AssertionError("session " + sessionId + " not listed");
    }

    private JsonNode get(String path) throws Exception {
        return get(path, null);
    }

    private JsonNode get(String path, String language) throws Exception {
        var response = http.send(request("GET", path, null, language).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JsonMapper.shared().readTree(response.body());
    }

    private JsonNode post(String path, String json) throws Exception {
        var response = send("POST", path, json);
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(200);
        return JsonMapper.shared().readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        return http.send(request(method, path, json, null).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String method, String path, String json, String language) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (language != null) {
            request.header("Accept-Language", language);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }
}
