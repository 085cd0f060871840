package org.teeka.account;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.teeka.IntegrationTest;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class StaffLoginIntegrationTests {

    private static final String PASSWORD = "right-password-1";

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void signsInWithTheRightPasswordAndLandsOnTheConsole() throws Exception {
        String username = newUser();
        mvc.perform(formLogin("/staff/login").user(username).password(PASSWORD))
                .andExpect(redirectedUrl("/staff"));
    }

    @Test
    void storesPasswordsOnlyAsAnAdaptiveHash() {
        String username = newUser();
        String hash = jdbc.sql("select password_hash from staff_users where username = ?").param(username).query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(PASSWORD);
    }

    @Test
    void locksTheAccountAfterFiveWrongPasswordsEvenAgainstTheRightOne() throws Exception {
        String username = newUser();
        for (int i = 0; i < StaffAccounts.FREE_ATTEMPTS; i++) {
            mvc.perform(formLogin("/staff/login").user(username).password("wrong-" + i))
                    .andExpect(redirectedUrl("/staff/login?error"));
        }
        mvc.perform(formLogin("/staff/login").user(username).password(PASSWORD))
                .andExpect(redirectedUrl("/staff/login?locked"));
    }

    @Test
    void aSuccessfulSignInForgetsEarlierFailures() throws Exception {
        String username = newUser();
        for (int i = 0; i < StaffAccounts.FREE_ATTEMPTS - 1; i++) {
            mvc.perform(formLogin("/staff/login").user(username).password("wrong"));
        }
        mvc.perform(formLogin("/staff/login").user(username).password(PASSWORD)).andExpect(redirectedUrl("/staff"));
        mvc.perform(formLogin("/staff/login").user(username).password("wrong")).andExpect(redirectedUrl("/staff/login?error"));
        mvc.perform(formLogin("/staff/login").user(username).password(PASSWORD)).andExpect(redirectedUrl("/staff"));
    }

    @Test
    void aStaffPageWithoutSignInLeadsToTheSignInPage() throws Exception {
        mvc.perform(get("/staff/centers")).andExpect(status().is3xxRedirection())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).endsWith("/staff/login"));
    }

    @Test
    void anApiCallWithoutSignInIsUnauthorized() throws Exception {
        mvc.perform(get("/api/staff/sessions").param("date", "2026-12-01")).andExpect(status().isUnauthorized());
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        var session = (MockHttpSession) mvc.perform(formLogin("/staff/login").user(newUser()).password(PASSWORD))
                .andReturn().getRequest().getSession();
        mvc.perform(post("/staff/logout").with(csrf()).session(session))
                .andExpect(redirectedUrl("/staff/login?logout"));
        assertThat(session.isInvalid()).isTrue();
        mvc.perform(get("/staff/centers").session(session)).andExpect(status().is3xxRedirection());
    }

    private String newUser() {
        String username = "login-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(username, PASSWORD, "Login Test", StaffScope.district(Role.DISTRICT_ADMIN, 34, 624));
        return username;
    }
}
