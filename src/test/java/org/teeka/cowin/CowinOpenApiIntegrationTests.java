package org.teeka.cowin;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.teeka.IntegrationTest;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The OpenAPI documents: the CoWIN surface on its own, and Teeka's own API without it. */
@IntegrationTest
class CowinOpenApiIntegrationTests {

    private static final List<String> COWIN_PATHS = List.of(
            "/api/v2/admin/location/states", "/api/v2/admin/location/districts/{state_id}",
            "/api/v2/appointment/sessions/public/findByPin", "/api/v2/appointment/sessions/public/findByDistrict",
            "/api/v2/appointment/sessions/public/calendarByPin", "/api/v2/appointment/sessions/public/calendarByDistrict",
            "/api/v2/appointment/sessions/public/calendarByCenter", "/api/v2/appointment/centers/public/findByLatLong",
            "/api/v2/registration/beneficiary/idTypes", "/api/v2/registration/beneficiary/genders",
            "/api/v2/auth/public/generateOTP", "/api/v2/auth/public/confirmOTP", "/api/v2/auth/generateMobileOTP",
            "/api/v2/auth/validateMobileOtp", "/api/v2/appointment/beneficiaries", "/api/v2/registration/beneficiary/new",
            "/api/v2/registration/beneficiary/delete", "/api/v2/appointment/sessions/findByPin",
            "/api/v2/appointment/sessions/findByDistrict", "/api/v2/appointment/sessions/calendarByPin",
            "/api/v2/appointment/sessions/calendarByDistrict", "/api/v2/auth/getRecaptcha", "/api/v2/appointment/schedule",
            "/api/v2/appointment/reschedule", "/api/v2/appointment/cancel", "/api/v2/appointment/appointmentslip/download",
            "/api/v2/registration/certificate/public/download");

    @Autowired
    MockMvc mvc;

    @Test
    void documentsEveryCowinPathMarkingWhichNeedTheBearerToken() throws Exception {
        JsonNode document = document("/v3/api-docs/cowin-v2");

        assertThat(document.get("openapi").asString()).startsWith("3.");
        assertThat(StreamSupport.stream(document.get("paths").propertyNames().spliterator(), false).toList())
                .containsExactlyInAnyOrderElementsOf(COWIN_PATHS);
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(document.at("/paths/~1api~1v2~1appointment~1schedule/post/security").isArray()).isTrue();
        assertThat(document.at("/paths/~1api~1v2~1admin~1location~1states/get/security").isMissingNode()).isTrue();
        assertThat(document.at("/components/schemas/FlatSession/properties").has("available_capacity_dose1")).isTrue();
        assertThat(document.at("/components/schemas/OneCenter/properties/centers/$ref").asString()).endsWith("CenterView");
        assertThat(document.at("/components/schemas/CowinError/properties").has("errorCode")).isTrue();
        assertThat(document.at("/paths/~1api~1v2~1appointment~1schedule/post/responses/4XX/content/application~1json/schema/$ref")
                .asString()).endsWith("CowinError");
        assertThat(document.at("/paths/~1api~1v2~1appointment~1schedule/post/responses").has("401")).isTrue();
        assertThat(document.at("/paths/~1api~1v2~1admin~1location~1states/get/responses").has("401")).isFalse();
        assertThat(document.at("/paths/~1api~1v2~1appointment~1appointmentslip~1download/get/responses/200/content")
                .has("application/pdf")).isTrue();
    }

    @Test
    void documentsTeekasOwnApiApart() throws Exception {
        JsonNode document = document("/v3/api-docs/teeka");

        var paths = StreamSupport.stream(document.get("paths").propertyNames().spliterator(), false).toList();
        assertThat(paths).contains("/api/geo/states", "/api/geo/states/{stateId}/districts");
        assertThat(paths).noneMatch(path -> path.startsWith("/api/v2/"));
    }

    private JsonNode document(String path) throws Exception {
        var response = mvc.perform(get(path)).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return CowinFixtures.json(response.getContentAsString(StandardCharsets.UTF_8));
    }
}
