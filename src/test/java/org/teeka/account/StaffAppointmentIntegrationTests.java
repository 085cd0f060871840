package org.teeka.account;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.teeka.IntegrationTest;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class StaffAppointmentIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aDistrictAdminAppointsAVaccinatorWhoThenSeesOnlyTheirCenter() throws Exception {
        String username = "vacc-" + UUID.randomUUID().toString().substring(0, 6);
        int center = jdbc.sql("select max(id) from centers where district_id = 624").query(Integer.class).single();

        mvc.perform(post("/staff/users/new").with(csrf()).with(user(accounts.find("district.prayagraj").orElseThrow()))
                        .param("username", username).param("displayName", "New Vaccinator")
                        .param("password", "a-long-initial-password").param("role", "VACCINATOR")
                        .param("centerId", String.valueOf(center)))
                .andExpect(redirectedUrl("/staff/users"));

        StaffPrincipal vaccinator = accounts.find(username).orElseThrow();
        assertThat(vaccinator.scope()).isEqualTo(StaffScope.center(Role.VACCINATOR, 34, 624, center));
        mvc.perform(formLogin("/staff/login").user(username).password("a-long-initial-password")).andExpect(redirectedUrl("/staff"));
    }

    @Test
    void aStateAdminAppointsADistrictAdmin() throws Exception {
        String username = "dadmin-" + UUID.randomUUID().toString().substring(0, 6);

        mvc.perform(post("/staff/users/new").with(csrf()).with(user(accounts.find("state.cg").orElseThrow()))
                        .param("username", username).param("displayName", "Durg Admin")
                        .param("password", "a-long-initial-password").param("role", "DISTRICT_ADMIN").param("districtId", "119"))
                .andExpect(redirectedUrl("/staff/users"));

        assertThat(accounts.find(username).orElseThrow().scope()).isEqualTo(StaffScope.district(Role.DISTRICT_ADMIN, 7, 119));
    }

    @Test
    void explainsWhatIsMissingOrTaken() throws Exception {
        var admin = accounts.find("district.prayagraj").orElseThrow();
        mvc.perform(post("/staff/users/new").with(csrf()).with(user(admin))
                        .param("username", "Bad Name!").param("displayName", "X")
                        .param("password", "short").param("role", "VACCINATOR"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("member", "username", "displayName", "password"));
        mvc.perform(post("/staff/users/new").with(csrf()).with(user(admin))
                        .param("username", "no.center.vaccinator").param("displayName", "No Center")
                        .param("password", "a-long-initial-password").param("role", "VACCINATOR"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("This role needs a center.")));
        mvc.perform(post("/staff/users/new").with(csrf()).with(user(admin))
                        .param("username", "vaccinator.prayagraj").param("displayName", "Twin")
                        .param("password", "a-long-initial-password").param("role", "VACCINATOR")
                        .param("centerId", String.valueOf(admin.scope().districtId() == 624
                                ? jdbc.sql("select min(id) from centers where district_id = 624").query(Integer.class).single() : 0)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("This username is already taken.")));
    }

    @Test
    void rolesWithoutStaffManagementCannotSeeTheStaffList() throws Exception {
        for (String username : new String[] {"helpdesk.up", "vaccinator.prayagraj", "manager.prayagraj"}) {
            mvc.perform(get("/staff/users").with(user(accounts.find(username).orElseThrow()))).andExpect(status().isForbidden());
        }
    }
}
