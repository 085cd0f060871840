package org.teeka.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestClassTests {

    @Test
    void tellsTheClassFromMethodAndPathAlone() {
        assertThat(RequestClass.of("GET", "/api/v2/appointment/sessions/public/calendarByDistrict")).isEqualTo(RequestClass.PUBLIC_API);
        assertThat(RequestClass.of("GET", "/citizen/search")).isEqualTo(RequestClass.CITIZEN_PAGES);
        assertThat(RequestClass.of("GET", "/")).isEqualTo(RequestClass.CITIZEN_PAGES);
        assertThat(RequestClass.of("POST", "/api/v2/auth/public/generateOTP")).isEqualTo(RequestClass.WRITES);
        assertThat(RequestClass.of("POST", "/citizen/book")).isEqualTo(RequestClass.WRITES);
        assertThat(RequestClass.of("POST", "/api/v2/appointment/schedule")).isEqualTo(RequestClass.WRITES);
        assertThat(RequestClass.of("GET", "/staff/sessions")).isEqualTo(RequestClass.STAFF);
        assertThat(RequestClass.of("POST", "/staff/lists/new")).isEqualTo(RequestClass.STAFF);
        assertThat(RequestClass.of("GET", "/api/staff/sessions")).isEqualTo(RequestClass.STAFF);
    }

    @Test
    void neverBoundsAssetsHealthMetricsOrTheSmscSimulator() {
        for (String path : new String[] {"/css/teeka.css", "/webjars/htmx.org/dist/htmx.min.js", "/favicon.ico",
                "/actuator/health/readiness", "/actuator/prometheus", "/smsc", "/smsc/messages", "/error"}) {
            assertThat(RequestClass.of("GET", path)).as(path).isEqualTo(RequestClass.EXEMPT);
        }
    }
}
