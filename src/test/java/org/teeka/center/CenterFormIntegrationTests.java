package org.teeka.center;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.teeka.IntegrationTest;
import org.teeka.account.StaffAccounts;
import org.teeka.account.StaffPrincipal;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** Every staff form answers bad input with the field and the reason, in the reader's language, and writes nothing. */
@IntegrationTest
class CenterFormIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StaffAccounts accounts;

    private StaffPrincipal admin;

    @BeforeEach
    void setUp() {
        admin = accounts.find("district.prayagraj").orElseThrow();
    }

    @Test
    void createsACenterFromTheForm() throws Exception {
        var form = validCenter("Form Test Hospital");
        form.set("feeType", "PAID");
        form.add("fees[COVAXIN]", "250");

        mvc.perform(post("/staff/centers/new").with(csrf()).with(user(admin)).params(form))
                .andExpect(status().is3xxRedirection());

        assertThat(jdbc.sql("""
                select f.fee from centers c join center_vaccine_fees f on f.center_id = c.id
                where c.name = 'Form Test Hospital' and f.vaccine_code = 'COVAXIN'""")
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("250");
    }

    @Test
    void namesEachWrongFieldAndWritesNothing() throws Exception {
        int before = centers();
        var form = validCenter("");
        form.set("pincode", "12");
        form.set("latitude", "51.5");
        form.set("closesAt", "08:00");

        mvc.perform(post("/staff/centers/new").with(csrf()).with(user(admin)).params(form))
                .andExpect(status().isOk())
                .andExpect(view().name("center/form"))
                .andExpect(model().attributeHasFieldErrors("details", "name", "pincode", "latitude", "openBeforeClosing"))
                .andExpect(content().string(containsString("This field is required.")))
                .andExpect(content().string(containsString("The center must open before it closes.")));
        assertThat(centers()).isEqualTo(before);
    }

    @Test
    void answersAValueOfTheWrongTypeWithAFieldErrorNotAServerError() throws Exception {
        var form = validCenter("Typo Hospital");
        form.set("pincode", "abc");
        form.set("latitude", "north");

        mvc.perform(post("/staff/centers/new").with(csrf()).with(user(admin)).params(form))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("details", "pincode", "typeMismatch"))
                .andExpect(content().string(containsString("Enter a whole number.")))
                .andExpect(content().string(containsString("Enter a number, such as 25.4358.")));
    }

    @Test
    void explainsErrorsInHindi() throws Exception {
        mvc.perform(post("/staff/centers/new").with(csrf()).with(user(admin)).locale(Locale.forLanguageTag("hi"))
                        .params(validCenter("")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("यह फ़ील्ड ज़रूरी है।")));
    }

    @Test
    void aPaidCenterNeedsAFee() throws Exception {
        var form = validCenter("Paid Without Fee");
        form.set("feeType", "PAID");

        mvc.perform(post("/staff/centers/new").with(csrf()).with(user(admin)).params(form))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("details", "feeGivenWhenPaid"));
    }

    @Test
    void refusesAnUnknownDistrictClearly() throws Exception {
        var form = validCenter("Nowhere Hospital");
        form.set("districtId", "99999");

        mvc.perform(post("/staff/centers/new").with(csrf()).with(user(accounts.find("state.up").orElseThrow())).params(form))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("There is no district with id 99999.")));
    }

    @Test
    void sessionPlanFormNamesEachWrongField() throws Exception {
        int center = jdbc.sql("select min(id) from centers where district_id = 624").query(Integer.class).single();
        int before = jdbc.sql("select count(*) from sessions").query(Integer.class).single();

        mvc.perform(post("/staff/centers/{id}/sessions/new", center).with(csrf()).with(user(admin))
                        .param("vaccineCode", "COVAXIN").param("fromDate", "2030-02-10").param("toDate", "2030-02-01")
                        .param("minAge", "45").param("maxAge", "18").param("dose1Capacity", "0").param("dose2Capacity", "0")
                        .param("startTime", "09:00").param("endTime", "09:30").param("slotMinutes", "60"))
                .andExpect(status().isOk())
                .andExpect(view().name("session/plan"))
                .andExpect(model().attributeHasFieldErrors("plan", "days", "dateRangeInOrder", "ageBandInOrder",
                        "someCapacityGiven", "oneSlotAtLeast"));
        assertThat(jdbc.sql("select count(*) from sessions").query(Integer.class).single()).isEqualTo(before);
    }

    @Test
    void sessionPlanOutsideOpeningHoursIsShownOnTheForm() throws Exception {
        int center = jdbc.sql("select min(id) from centers where district_id = 624").query(Integer.class).single();

        mvc.perform(post("/staff/centers/{id}/sessions/new", center).with(csrf()).with(user(admin))
                        .param("vaccineCode", "CORBEVAX").param("fromDate", "2030-02-04").param("toDate", "2030-02-08")
                        .param("days", "MONDAY").param("minAge", "12").param("dose1Capacity", "10").param("dose2Capacity", "0")
                        .param("startTime", "06:00").param("endTime", "10:00").param("slotMinutes", "60"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The slots must lie within the center&#39;s opening hours, 09:00 to 17:00.")));
    }

    @Test
    void vaccineFormRefusesAnIntervalOutOfOrder() throws Exception {
        mvc.perform(post("/staff/vaccines/COVAXIN/edit").with(csrf()).with(user(accounts.find("state.up").orElseThrow()))
                        .param("doses", "2").param("minIntervalDays", "42").param("maxIntervalDays", "28").param("minAge", "18"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("rules", "intervalInOrder"));
        assertThat(jdbc.sql("select min_interval_days from vaccines where code = 'COVAXIN'").query(Integer.class).single()).isEqualTo(28);
    }

    @Test
    void coldChainFormRequiresACenterForAnIlr() throws Exception {
        mvc.perform(post("/staff/cold-chain/new").with(csrf()).with(user(admin))
                        .param("kind", "ILR").param("name", "Lonely ILR").param("districtId", "624"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("details", "centerGivenForIlr"));
    }

    private int centers() {
        return jdbc.sql("select count(*) from centers").query(Integer.class).single();
    }

    private static MultiValueMap<String, String> validCenter(String name) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("name", name);
        form.add("address", "Civil Lines");
        form.add("blockName", "Chaka");
        form.add("districtId", "624");
        form.add("pincode", "211001");
        form.add("latitude", "25.45");
        form.add("longitude", "81.84");
        form.add("feeType", "FREE");
        form.add("opensAt", "09:00");
        form.add("closesAt", "17:00");
        return form;
    }
}
