package org.teeka.beneficiary.web;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.teeka.IntegrationTest;
import org.teeka.account.CitizenPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.NewBeneficiary;
import org.teeka.beneficiary.PhotoIdType;

import java.time.Clock;
import java.time.Year;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.teeka.Bundles.msg;

/**
 * Adding a family member through the page: each problem is shown beside its field, or at the top
 * when it belongs to no field, in the reader's language; and a refused form writes nothing.
 */
@IntegrationTest
class MemberFormIntegrationTests {

    static final int PRAYAGRAJ = 624;
    static final int LUCKNOW = 670;
    static final int UTTAR_PRADESH = 34;
    static final int CHHATTISGARH = 7;
    /** Twelve digits that look like an Aadhaar number but fail its Verhoeff check digit. */
    static final String AADHAAR_WITH_WRONG_CHECK_DIGIT = "2345 6789 0123";

    @Autowired
    MockMvc mvc;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void anAadhaarNumberWithAWrongCheckDigitIsShownBesideTheIdNumberAndNothingIsWritten(String lang) throws Exception {
        String mobile = newMobile();
        Document page = submit(mobile, lang, valid(Map.of("idType", "AADHAAR", "idNumber", AADHAAR_WITH_WRONG_CHECK_DIGIT)));

        assertThat(fieldError(page, "idNumber")).isEqualTo(msg(lang, "beneficiary.error.aadhaar-checksum"));
        assertThat(page.select(".field.invalid")).hasSize(1);
        // the summary names the field and links to it
        assertThat(page.select(".error-box li").eachText()).containsExactly(
                msg(lang, "form.field-error", msg(lang, "member.field.id-number"), msg(lang, "beneficiary.error.aadhaar-checksum")));
        assertThat(page.select(".error-box li a").attr("href")).isEqualTo("#idNumber");
        // what was typed stays, except nothing more than the form already had
        assertThat(page.getElementById("name").val()).isEqualTo("Asha Devi");
        assertNothingWritten(mobile);
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void anIdNumberOfTheWrongFormatIsShownBesideTheIdNumber(String lang) throws Exception {
        String mobile = newMobile();
        Document page = submit(mobile, lang, valid(Map.of("idType", "VOTER_ID", "idNumber", "12345")));

        assertThat(fieldError(page, "idNumber")).isEqualTo(msg(lang, "beneficiary.error.voter-id-invalid"));
        assertNothingWritten(mobile);
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void aBirthYearOutOfRangeIsShownBesideTheYearWithTheAllowedRange(String lang) throws Exception {
        String mobile = newMobile();
        int thisYear = Year.now(clock).getValue();
        Document page = submit(mobile, lang, valid(Map.of("birthYear", String.valueOf(thisYear + 1))));

        assertThat(fieldError(page, "birthYear"))
                .isEqualTo(msg(lang, "beneficiary.error.birth-year-range", String.valueOf(thisYear - 120), String.valueOf(thisYear)));
        assertNothingWritten(mobile);
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void anIdNumberRegisteredBeforeIsShownBesideTheIdNumberAndNothingIsWritten(String lang) throws Exception {
        String voterId = newVoterId();
        beneficiaries.register(newMobile(), new NewBeneficiary("First Holder", 1980, Gender.MALE, PhotoIdType.VOTER_ID, voterId,
                PRAYAGRAJ, 211001), Locale.ENGLISH);
        String mobile = newMobile();

        // the same number typed another way is the same ID
        Document page = submit(mobile, lang, valid(Map.of("idNumber", voterId.toLowerCase(Locale.ROOT).substring(0, 3) + " " + voterId.substring(3))));

        assertThat(fieldError(page, "idNumber")).isEqualTo(msg(lang, "beneficiary.error.id-taken"));
        assertNothingWritten(mobile);
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void aFifthMemberIsRefusedWithTheLimitAndNothingIsWritten(String lang) throws Exception {
        String mobile = newMobile();
        for (int i = 0; i < 4; i++) {
            beneficiaries.register(mobile, new NewBeneficiary("Member " + i, 1980 + i, Gender.FEMALE, PhotoIdType.VOTER_ID, newVoterId(),
                    PRAYAGRAJ, 211001), Locale.ENGLISH);
        }

        Document page = submit(mobile, lang, valid(Map.of()));

        assertThat(page.select(".error-box").text()).isEqualTo(msg(lang, "beneficiary.error.family-full", 4));
        assertThat(page.select("form[action$=/citizen/members/new]")).isEmpty();
        assertThat(beneficiaries.family(mobile)).hasSize(4);
        assertThat(jdbc.sql("select count(*) from outbox_messages where mobile = ? and template = 'sms.registered'")
                .param(mobile).query(Integer.class).single()).isEqualTo(4);

        // the form itself says so before anyone types
        Document form = page(mvc.perform(as(get("/citizen/members/new"), mobile, lang)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString());
        assertThat(form.select(".error-box").text()).isEqualTo(msg(lang, "beneficiary.error.family-full", 4));
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void aPinCodeOfAnotherDistrictNamesThatDistrictInTheReadersLanguage(String lang) throws Exception {
        String mobile = newMobile();
        Document page = submit(mobile, lang, valid(Map.of("districtId", String.valueOf(LUCKNOW), "pincode", "211001")));

        assertThat(fieldError(page, "pincode"))
                .isEqualTo(msg(lang, "beneficiary.error.pincode-elsewhere", lang.equals("hi") ? "प्रयागराज" : "Prayagraj"));
        assertNothingWritten(mobile);
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void everyFieldsProblemIsShownAtOnce(String lang) throws Exception {
        String mobile = newMobile();
        var fields = valid(Map.of("name", "", "birthYear", "19x0", "idType", "PAN", "idNumber", "ABC", "pincode", "12"));
        fields.remove("gender");

        Document page = submit(mobile, lang, fields);

        assertThat(fieldError(page, "name")).isEqualTo(msg(lang, "NotBlank"));
        assertThat(fieldError(page, "birthYear")).isEqualTo(msg(lang, "typeMismatch.member.birthYear"));
        assertThat(page.select("fieldset.field.invalid .field-error").text()).isEqualTo(msg(lang, "NotNull"));
        assertThat(fieldError(page, "pincode")).isEqualTo(msg(lang, "Min.member.pincode"));
        assertThat(fieldError(page, "idNumber")).isEqualTo(msg(lang, "beneficiary.error.pan-invalid"));
        assertThat(page.getElementById("birthYear").val()).isEqualTo("19x0");
        assertThat(page.getElementById("pincode").val()).isEqualTo("12");
        // the district stays chosen, among its state's districts
        assertThat(page.select("#districtId option[selected]").text()).isEqualTo(lang.equals("hi") ? "प्रयागराज" : "Prayagraj");
        assertThat(page.select("#stateId option[selected]").val()).isEqualTo(String.valueOf(UTTAR_PRADESH));
        assertNothingWritten(mobile);
    }

    @Test
    void aStateChangedWithoutJavaScriptShowsItsDistrictsWithoutErrors() throws Exception {
        String mobile = newMobile();
        var fields = valid(Map.of("stateId", String.valueOf(CHHATTISGARH), "refresh", "districts"));

        Document page = submit(mobile, "en", fields);

        assertThat(page.select(".field.invalid, .error-box")).isEmpty();
        assertThat(page.select("#districtId option").eachText()).contains("Raipur", "Durg").doesNotContain("Prayagraj");
        assertThat(page.getElementById("name").val()).isEqualTo("Asha Devi");

        // submitting with the old state's district asks for one of the new state
        fields.remove("refresh");
        page = submit(mobile, "en", fields);
        assertThat(fieldError(page, "districtId")).isEqualTo(msg("en", "beneficiary.error.district-unknown"));
        assertNothingWritten(mobile);
    }

    @Test
    void theDistrictsOfAStateComeAsOptionsForTheSelect() throws Exception {
        String body = mvc.perform(as(get("/citizen/districts").param("stateId", String.valueOf(CHHATTISGARH)), newMobile(), "hi"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(body.strip()).startsWith("<option");
        assertThat(Jsoup.parseBodyFragment("<select>" + body + "</select>").select("option").eachText())
                .startsWith(msg("hi", "citizen.field.choose-district")).contains("रायपुर", "Bastar");
    }

    @Test
    void aValidMemberIsRegisteredAndTheFamilyPageSaysSo() throws Exception {
        String mobile = newMobile();
        var fields = valid(Map.of());

        var result = mvc.perform(as(post("/citizen/members/new").with(csrf()), mobile, "en").params(form(fields)))
                .andExpect(redirectedUrl("/citizen"))
                .andExpect(flash().attribute("notice", "beneficiary.notice.registered"))
                .andReturn();

        assertThat(beneficiaries.family(mobile)).singleElement().satisfies(member -> {
            assertThat(member.name()).isEqualTo("Asha Devi");
            assertThat(member.districtId()).isEqualTo(PRAYAGRAJ);
            assertThat(member.maskedId()).endsWith(fields.get("idNumber").substring(6));
        });
        String family = mvc.perform(as(get("/citizen"), mobile, "en").flashAttrs(result.getFlashMap()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page(family).select("main > .notice").text()).isEqualTo(msg("en", "beneficiary.notice.registered"));
        assertThat(page(family).select(".member h2").eachText()).containsExactly("Asha Devi");
    }

    // helpers

    private Document submit(String mobile, String lang, Map<String, String> fields) throws Exception {
        String body = mvc.perform(as(post("/citizen/members/new").with(csrf()), mobile, lang).params(form(fields)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Document page = page(body);
        assertThat(page.select("h1").text()).isEqualTo(msg(lang, "member.form.title"));
        assertThat(page.select("html").attr("lang")).isEqualTo(lang);
        return page;
    }

    static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String mobile, String lang) {
        return request.with(citizen(mobile)).locale(Locale.forLanguageTag(lang));
    }

    static RequestPostProcessor citizen(String mobile) {
        return authentication(UsernamePasswordAuthenticationToken.authenticated(new CitizenPrincipal(mobile), null,
                AuthorityUtils.createAuthorityList("ROLE_CITIZEN")));
    }

    private static java.util.LinkedHashMap<String, String> valid(Map<String, String> changes) {
        var fields = new java.util.LinkedHashMap<String, String>();
        fields.put("name", "Asha Devi");
        fields.put("birthYear", "1985");
        fields.put("gender", "FEMALE");
        fields.put("idType", "VOTER_ID");
        fields.put("idNumber", newVoterId());
        fields.put("stateId", String.valueOf(UTTAR_PRADESH));
        fields.put("districtId", String.valueOf(PRAYAGRAJ));
        fields.put("pincode", "211001");
        fields.putAll(changes);
        return fields;
    }

    private static org.springframework.util.MultiValueMap<String, String> form(Map<String, String> fields) {
        var form = new org.springframework.util.LinkedMultiValueMap<String, String>();
        fields.forEach(form::add);
        return form;
    }

    private void assertNothingWritten(String mobile) {
        assertThat(beneficiaries.family(mobile)).isEmpty();
        assertThat(jdbc.sql("select count(*) from citizen_accounts where mobile = ?").param(mobile).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from outbox_messages where mobile = ? and template = 'sms.registered'")
                .param(mobile).query(Integer.class).single()).isZero();
    }

    /** The error shown inside the same field block as the input. */
    private static String fieldError(Document page, String id) {
        Element field = page.getElementById(id).closest(".field");
        assertThat(field).as("field of %s", id).isNotNull();
        assertThat(field.classNames()).as("classes of the field of %s", id).contains("invalid");
        assertThat(page.getElementById(id).attr("aria-invalid")).isEqualTo("true");
        return field.select(".field-error").text();
    }

    static Document page(String html) {
        return Jsoup.parse(html);
    }

    static String newMobile() {
        return "9" + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    static String newVoterId() {
        return "TKW" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }
}
