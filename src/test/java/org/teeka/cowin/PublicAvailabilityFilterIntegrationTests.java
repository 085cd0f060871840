package org.teeka.cowin;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.teeka.IntegrationTest;
import org.teeka.account.BearerTokens;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.center.Centers;
import org.teeka.session.Sessions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.teeka.cowin.CowinFixtures.cowinDate;
import static org.teeka.cowin.CowinFixtures.today;

/**
 * Public availability hits answered by {@link PublicAvailabilityFilter} from the cached bytes, before
 * Spring Security and MVC: what it answers must be what the normal path answers. A request that
 * reached MVC has a handler in its result; one the filter answered has none.
 */
@IntegrationTest
class PublicAvailabilityFilterIntegrationTests {

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
    MeterRegistry meters;

    CowinFixtures fixtures;
    String address;

    @BeforeEach
    void setUp() {
        fixtures = new CowinFixtures(centers, sessions, beneficiaries, tokens);
        address = CowinFixtures.newAddress();
    }

    @Test
    void aHitIsAnsweredWithTheBytesAndHeadersOfTheNormalPath() throws Exception {
        String path = calendarAtANewPincode();

        MvcResult miss = call(get(path).header("Origin", "https://slots.example.org"));
        MvcResult hit = call(get(path).header("Origin", "https://slots.example.org"));

        assertThat(miss.getHandler()).as("the first call is read through MVC").isNotNull();
        assertThat(hit.getHandler()).as("the second is answered by the filter").isNull();
        assertThat(hit.getResponse().getStatus()).isEqualTo(200).isEqualTo(miss.getResponse().getStatus());
        assertThat(hit.getResponse().getContentAsByteArray()).isEqualTo(miss.getResponse().getContentAsByteArray());
        assertThat(headers(hit.getResponse())).isEqualTo(headers(miss.getResponse()));
        assertThat(hit.getResponse().getHeader("Cache-Control")).matches("public, max-age=[0-4]");
        assertThat(hit.getResponse().getHeader("ETag")).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(hit.getResponse().getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(hit.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(hit.getResponse().getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(hit.getResponse().getHeader("Pragma")).isNull();
    }

    @Test
    void aCallerThatTakesGzipGetsTheSameAnswerGzippedOnBothPathsWithItsOwnEtag() throws Exception {
        String path = calendarAtANewPincode();
        MvcResult plain = call(get(path));
        String gzip = "gzip, deflate, br";

        MvcResult miss = call(get(path).header("Accept-Encoding", gzip).header("Authorization", "Bearer not-a-token"));
        MvcResult hit = call(get(path).header("Accept-Encoding", gzip));

        assertThat(miss.getHandler()).as("a bearer token goes the normal path").isNotNull();
        assertThat(hit.getHandler()).isNull();
        for (MvcResult gzipped : List.of(miss, hit)) {
            assertThat(gzipped.getResponse().getStatus()).isEqualTo(200);
            assertThat(gzipped.getResponse().getHeader("Content-Encoding")).isEqualTo("gzip");
            assertThat(gunzip(gzipped.getResponse().getContentAsByteArray())).isEqualTo(plain.getResponse().getContentAsByteArray());
            assertThat(gzipped.getResponse().getContentLength()).isLessThan(plain.getResponse().getContentAsByteArray().length);
            assertThat(gzipped.getResponse().getHeader("ETag")).isNotEqualTo(plain.getResponse().getHeader("ETag"));
        }
        assertThat(hit.getResponse().getContentAsByteArray()).isEqualTo(miss.getResponse().getContentAsByteArray());
        assertThat(headers(hit.getResponse())).isEqualTo(headers(miss.getResponse()));
        assertThat(plain.getResponse().getHeader("Content-Encoding")).isNull();
        assertThat(plain.getResponse().getHeaders("Vary")).contains("Accept-Language", "Accept-Encoding");
        // the gzipped answer's own ETag gives 304; gzip refused, or only other codings taken, is the plain answer
        String etag = hit.getResponse().getHeader("ETag");
        assertThat(call(get(path).header("Accept-Encoding", "gzip").header("If-None-Match", etag)).getResponse().getStatus()).isEqualTo(304);
        for (String refused : new String[] {"gzip;q=0, deflate", "br", "identity", "*;q=0"}) {
            MvcResult answer = call(get(path).header("Accept-Encoding", refused));
            assertThat(answer.getResponse().getHeader("Content-Encoding")).as(refused).isNull();
            assertThat(answer.getResponse().getContentAsByteArray()).as(refused).isEqualTo(plain.getResponse().getContentAsByteArray());
        }
        assertThat(call(get(path).header("Accept-Encoding", "*")).getResponse().getHeader("Content-Encoding")).isEqualTo("gzip");
    }

    @Test
    void theCachedBytesAreWhatJacksonWritesForTheSameAnswer() throws Exception {
        LocalDate date = today().plusDays(2);
        int pincode = CowinFixtures.newPincode();
        fixtures.sessionAt(pincode, date, 6, 2);
        String mobile = CowinFixtures.newMobile();
        fixtures.registered(mobile, "Bytes Compared", 1985);
        String query = "calendarByPin?pincode=" + pincode + "&date=" + cowinDate(date);

        call(get("/api/v2/appointment/sessions/public/" + query));
        MvcResult hit = call(get("/api/v2/appointment/sessions/public/" + query));
        // the signed-in search reads afresh and is written by Spring MVC's Jackson converter from objects
        MvcResult signedIn = call(get("/api/v2/appointment/sessions/" + query).header("Authorization", fixtures.tokenFor(mobile)));

        assertThat(hit.getHandler()).isNull();
        assertThat(signedIn.getResponse().getStatus()).isEqualTo(200);
        assertThat(new String(hit.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8))
                .isEqualTo(new String(signedIn.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8));
    }

    @Test
    void aHitIsCountedInTheRequestMetricsUnderItsRoute() throws Exception {
        String path = calendarAtANewPincode();
        call(get(path));
        double before = requests("/api/v2/appointment/sessions/public/calendarByPin", "200");

        MvcResult hit = call(get(path));

        assertThat(hit.getHandler()).isNull();
        assertThat(requests("/api/v2/appointment/sessions/public/calendarByPin", "200")).isEqualTo(before + 1);
    }

    @Test
    void aHitWhoseEtagTheCallerHoldsIs304WithoutABody() throws Exception {
        String path = calendarAtANewPincode();
        String etag = call(get(path)).getResponse().getHeader("ETag");

        MvcResult same = call(get(path).header("If-None-Match", etag));
        MvcResult listed = call(get(path).header("If-None-Match", "\"other\", W/" + etag));
        MvcResult other = call(get(path).header("If-None-Match", "\"other\""));

        assertThat(same.getHandler()).isNull();
        assertThat(same.getResponse().getStatus()).isEqualTo(304);
        assertThat(same.getResponse().getContentAsByteArray()).isEmpty();
        assertThat(same.getResponse().getHeader("ETag")).isEqualTo(etag);
        assertThat(same.getResponse().getHeader("Cache-Control")).matches("public, max-age=[0-4]");
        assertThat(listed.getResponse().getStatus()).isEqualTo(304);
        assertThat(other.getResponse().getStatus()).isEqualTo(200);
        assertThat(other.getResponse().getContentAsByteArray()).isNotEmpty();
    }

    @Test
    void theNormalPathAlsoAnswers304ForTheEtagItGave() throws Exception {
        String path = calendarAtANewPincode();
        String etag = call(get(path)).getResponse().getHeader("ETag");

        // a bearer token sends the call down the normal path, where Spring MVC compares the ETag
        MvcResult normal = call(get(path).header("If-None-Match", etag).header("Authorization", "Bearer not-a-token"));

        assertThat(normal.getHandler()).isNotNull();
        assertThat(normal.getResponse().getStatus()).isEqualTo(304);
        assertThat(normal.getResponse().getHeader("ETag")).isEqualTo(etag);
    }

    @Test
    void hitsCountAgainstTheCallersQuota() throws Exception {
        String path = calendarAtANewPincode();
        MvcResult reply = null;
        int hits = 0;
        for (int i = 0; i < 2_500; i++) {
            reply = call(get(path));
            if (reply.getResponse().getStatus() != 200) {
                break;
            }
            hits += reply.getHandler() == null ? 1 : 0;
        }

        assertThat(hits).isGreaterThan(500);
        assertThat(reply.getResponse().getStatus()).isEqualTo(429);
        assertThat(reply.getResponse().getHeader("Retry-After")).matches("[1-9][0-9]*");
        assertThat(json(reply).get("errorCode").asString()).isEqualTo("request.error.quota");
        address = CowinFixtures.newAddress();
        assertThat(call(get(path)).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void aHitFromAWebPageCarriesCorsHeaders() throws Exception {
        String path = calendarAtANewPincode();
        call(get(path));

        MvcResult hit = call(get(path).header("Origin", "https://slots.example.org"));

        assertThat(hit.getHandler()).isNull();
        assertThat(hit.getResponse().getHeader("Access-Control-Allow-Origin")).isEqualTo("https://slots.example.org");
        assertThat(hit.getResponse().getHeader("Access-Control-Expose-Headers")).isEqualTo("Retry-After");
        assertThat(hit.getResponse().getHeaders("Vary")).contains("Origin", "Accept-Language");
    }

    @Test
    void aHitInHindiIsTheHindiAnswerAndTheEnglishOneStaysEnglish() throws Exception {
        String path = calendarAtANewPincode();
        call(get(path).header("Accept-Language", "hi_IN"));
        call(get(path));

        MvcResult hindi = call(get(path).header("Accept-Language", "hi_IN"));
        MvcResult english = call(get(path).header("Accept-Language", "en-IN,en;q=0.9"));

        assertThat(hindi.getHandler()).isNull();
        assertThat(english.getHandler()).isNull();
        assertThat(json(hindi).at("/centers/0/name_l").asString()).isEqualTo("कोविन परीक्षण केंद्र");
        assertThat(json(english).at("/centers/0/name_l").asString()).startsWith("CoWIN Test");
        assertThat(hindi.getResponse().getHeader("ETag")).isNotEqualTo(english.getResponse().getHeader("ETag"));
    }

    @Test
    void whatIsNotAPlainHitGoesTheNormalWayWithItsCowinError() throws Exception {
        String path = calendarAtANewPincode();
        call(get(path));
        String pincode = path.replaceAll(".*pincode=([0-9]+).*", "$1");

        MvcResult badDate = call(get(path.replaceAll("date=[^&]+", "date=2026-11-22")).header("Accept-Language", "hi_IN"));
        MvcResult spaced = call(get(java.net.URI.create(path.replace("pincode=" + pincode, "pincode=%20" + pincode))));
        MvcResult twice = call(get(path + "&pincode=" + pincode));

        assertThat(badDate.getHandler()).isNotNull();
        assertThat(badDate.getResponse().getStatus()).isEqualTo(400);
        assertThat(json(badDate).get("errorCode").asString()).isEqualTo("cowin.error.date");
        assertThat(json(badDate).get("error").asString()).matches(".*[\\u0900-\\u097F].*");
        assertThat(spaced.getHandler()).isNotNull();
        assertThat(spaced.getResponse().getStatus()).isEqualTo(200);
        assertThat(twice.getHandler()).isNotNull();
        assertThat(twice.getResponse().getStatus()).isEqualTo(400);
    }

    @Test
    void anUnknownCenterIsStill404InCowinsShape() throws Exception {
        String path = "/api/v2/appointment/sessions/public/calendarByCenter?center_id=987654321&date=" + cowinDate(today());
        call(get(path));

        MvcResult again = call(get(path));

        assertThat(again.getHandler()).isNotNull();
        assertThat(again.getResponse().getStatus()).isEqualTo(404);
        assertThat(json(again).get("errorCode").asString()).isEqualTo("center.error.not-found");
        assertThat(json(again).get("error").asString()).contains("987654321");
    }

    private double requests(String uri, String status) {
        var timer = meters.find("http.server.requests").tag("uri", uri).tag("status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    private String calendarAtANewPincode() {
        LocalDate date = today().plusDays(1);
        int pincode = CowinFixtures.newPincode();
        fixtures.sessionAt(pincode, date, 5, 1);
        return "/api/v2/appointment/sessions/public/calendarByPin?pincode=" + pincode + "&date=" + cowinDate(date);
    }

    private MvcResult call(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(r -> {
            r.setRemoteAddr(address);
            return r;
        })).andReturn();
    }

    /** Every header but the one that says how long is left, which may tick between two calls. */
    private static Map<String, Object> headers(MockHttpServletResponse response) {
        var headers = new TreeMap<String, Object>();
        for (String name : response.getHeaderNames()) {
            headers.put(name, name.equals("Cache-Control") ? "public, max-age=..." : response.getHeaders(name));
        }
        return headers;
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    private static JsonNode json(MvcResult result) throws Exception {
        return JsonMapper.shared().readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }
}
