package org.teeka.platform;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.teeka.IntegrationTest;
import org.teeka.account.StaffAccounts;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class PlatformIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts accounts;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void theSessionCookieIsSecureHttpOnlyAndSameSite() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/staff/login")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());

        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        org.assertj.core.api.Assertions.assertThat(cookie).contains("Secure").contains("HttpOnly").contains("SameSite=Lax");
    }

    @Test
    void healthIsUpWhenTheDatabaseAnswers() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
    }

    @Test
    void servesPrometheusMetrics() throws Exception {
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("hikaricp_connections_active")))
                .andExpect(content().string(containsString("http_server_requests")));
    }

    @Test
    void answersInTheBrowsersLanguage() throws Exception {
        mvc.perform(get("/").header("Accept-Language", "hi-IN,hi;q=0.9,en;q=0.8"))
                .andExpect(content().string(containsString("lang=\"hi\"")))
                .andExpect(content().string(containsString("सबके लिए टीकाकरण")));
        mvc.perform(get("/").header("Accept-Language", "fr-FR"))
                .andExpect(content().string(containsString("Vaccination for everyone")));
    }

    @Test
    void theLangParameterSwitchesAndIsRemembered() throws Exception {
        var cookie = mvc.perform(get("/").param("lang", "hi").header("Accept-Language", "en"))
                .andExpect(content().string(containsString("सबके लिए टीकाकरण")))
                .andExpect(cookie().value("teeka-lang", "hi"))
                .andReturn().getResponse().getCookie("teeka-lang");
        mvc.perform(get("/staff/login").cookie(cookie).header("Accept-Language", "en"))
                .andExpect(content().string(containsString("कर्मचारी साइन-इन")));
    }

    @Test
    void anUnknownLanguageChangesNothing() throws Exception {
        mvc.perform(get("/").param("lang", "xx"))
                .andExpect(cookie().doesNotExist("teeka-lang"))
                .andExpect(content().string(containsString("Vaccination for everyone")));
    }

    @Test
    void anApiErrorIsAProblemDetailWithAStableCodeInTheCallersLanguage() throws Exception {
        mvc.perform(get("/api/geo/states/999/districts").header("Accept-Language", "hi"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("geo.error.unknown-state"))
                .andExpect(jsonPath("$.type").value("urn:teeka:problem:geo.error.unknown-state"))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value("999 आईडी वाला कोई राज्य नहीं है।"));
    }

    @Test
    void aParameterOfTheWrongTypeIsA400ProblemNamingIt() throws Exception {
        mvc.perform(get("/api/geo/states/abc/districts"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("request.error.invalid-value"))
                .andExpect(jsonPath("$.errors[0].field").value("stateId"));
        mvc.perform(get("/api/staff/sessions").param("date", "01-12-2026").with(user(accounts.find("state.up").orElseThrow())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("request.error.invalid-value"))
                .andExpect(jsonPath("$.errors[0].field").value("date"));
    }

    @Test
    void aMissingParameterIsA400Problem() throws Exception {
        mvc.perform(get("/api/staff/sessions").with(user(accounts.find("state.up").orElseThrow())))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("request.error.bad"));
    }

    @Test
    void listsDistrictsWithHindiNamesWhereKnown() throws Exception {
        mvc.perform(get("/api/geo/states/34/districts").header("Accept-Language", "hi"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == 624)].localName").value("प्रयागराज"));
        mvc.perform(get("/api/geo/states"))
                .andExpect(jsonPath("$.length()").value(37));
    }

    @Test
    void aPageErrorIsAPageWithoutAStackTrace() throws Exception {
        mvc.perform(get("/staff/centers/abc").with(user(accounts.find("state.up").orElseThrow())))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/staff/centers/999999").with(user(accounts.find("state.up").orElseThrow())))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("There is no center with id 999999.")))
                .andExpect(content().string(containsString("Sign out")))
                .andExpect(content().string(not(containsString("Exception"))));
    }
}
