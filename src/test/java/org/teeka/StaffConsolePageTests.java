package org.teeka;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.teeka.account.Role;
import org.teeka.account.StaffAccounts;
import org.teeka.account.StaffScope;
import org.teeka.center.Center;
import org.teeka.center.CenterDetails;
import org.teeka.center.Centers;
import org.teeka.center.FeeType;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff console in a real headless Chromium (Debian's {@code chromium} and {@code chromedriver},
 * never downloaded): signing in through the form, each role's view of the day, the center and
 * session forms, languages, and access outside one's area. Expected texts come from the message
 * bundles, read here on their own (not through the application), so a missing or garbled
 * translation fails. Every main page is saved as a PNG under {@code target/screenshots/}.
 */
@IntegrationTest
class StaffConsolePageTests {

    static final String PASSWORD = "teeka-demo-2026";
    static final int PRAYAGRAJ = 624;
    static final int RAIPUR = 109;
    static final Duration TIMEOUT = HeadlessChromium.TIMEOUT;
    static final Map<String, Properties> BUNDLES = Map.of(
            "en", bundle("messages.properties"),
            "hi", bundle("messages_hi.properties"));

    /** Demo centers by area, as English and Hindi names. */
    static final List<Name> PRAYAGRAJ_CENTERS = List.of(
            new Name("Tej Bahadur Sapru (Beli) Hospital", "तेज बहादुर सप्रू (बेली) अस्पताल"),
            new Name("Swaroop Rani Nehru Hospital", "स्वरूप रानी नेहरू अस्पताल"),
            new Name("Kalvin Hospital", "काल्विन अस्पताल"),
            new Name("CHC Phulpur", "सामुदायिक स्वास्थ्य केंद्र फूलपुर"),
            new Name("PHC Naini", "प्राथमिक स्वास्थ्य केंद्र नैनी"),
            new Name("UPHC Teliyarganj", "शहरी प्राथमिक स्वास्थ्य केंद्र तेलियरगंज"));
    static final Name BELI = PRAYAGRAJ_CENTERS.getFirst();
    static final List<Name> RAIPUR_CENTERS = List.of(
            new Name("District Hospital Pandri", "जिला अस्पताल पंडरी"),
            new Name("Dr. B.R. Ambedkar Hospital", "डॉ. भीमराव अंबेडकर अस्पताल"));
    static final List<Name> OTHER_CHHATTISGARH_CENTERS = List.of(
            new Name("District Hospital Durg", "जिला अस्पताल दुर्ग"),
            new Name("CHC Bhilai-3", "सामुदायिक स्वास्थ्य केंद्र भिलाई-3"),
            new Name("CIMS Bilaspur", "सिम्स बिलासपुर"));
    static final List<Name> CHHATTISGARH_CENTERS = Stream.concat(RAIPUR_CENTERS.stream(), OTHER_CHHATTISGARH_CENTERS.stream()).toList();

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium("");
    static ChromeDriver browser;
    static WebDriverWait wait;

    @LocalServerPort
    int port;

    @Autowired
    Centers centers;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    Clock clock;

    @Autowired
    org.teeka.session.Sessions sessions;

    @Autowired
    org.teeka.beneficiary.Beneficiaries beneficiaries;

    @Autowired
    org.teeka.booking.Bookings bookings;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeAll
    static void useTheBrowser() {
        browser = chromium.driver();
        wait = chromium.waiting();
    }

    // 1. every role, in both languages

    static Stream<Arguments> rolesAndLanguages() {
        var roles = List.of(
                new Login("state.up", Role.STATE_ADMIN, PRAYAGRAJ_CENTERS, CHHATTISGARH_CENTERS, false),
                new Login("district.prayagraj", Role.DISTRICT_ADMIN, PRAYAGRAJ_CENTERS, CHHATTISGARH_CENTERS, false),
                new Login("manager.prayagraj", Role.CENTER_MANAGER, List.of(BELI), CHHATTISGARH_CENTERS, true),
                new Login("vaccinator.prayagraj", Role.VACCINATOR, List.of(BELI), CHHATTISGARH_CENTERS, true),
                new Login("helpdesk.up", Role.HELPDESK_AGENT, PRAYAGRAJ_CENTERS, CHHATTISGARH_CENTERS, false),
                new Login("state.cg", Role.STATE_ADMIN, CHHATTISGARH_CENTERS, PRAYAGRAJ_CENTERS, false),
                new Login("district.raipur", Role.DISTRICT_ADMIN, RAIPUR_CENTERS,
                        Stream.concat(OTHER_CHHATTISGARH_CENTERS.stream(), PRAYAGRAJ_CENTERS.stream()).toList(), false));
        return roles.stream().flatMap(login -> Stream.of(Arguments.of(login, "en"), Arguments.of(login, "hi")));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("rolesAndLanguages")
    void eachRoleLandsOnTodaysSessionsOfItsOwnAreaInItsLanguage(Login login, String lang) {
        signIn(login.username(), lang);

        assertThat(browser.getCurrentUrl()).endsWith("/staff/sessions");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo(lang);
        assertThat(heading()).isEqualTo(msg(lang, "session.day.heading", longDate(today(), lang)));
        if (lang.equals("hi")) {
            assertThat(heading()).contains("सत्र");
        }
        assertThat(browser.findElement(By.cssSelector(".who")).getText())
                .endsWith(msg(lang, login.role().messageKey()));

        Set<String> shown = sessionCenterNames();
        assertThat(shown).as("centers with sessions today for %s", login.username())
                .containsAll(names(login.sees(), lang))
                .doesNotContainAnyElementsOf(names(login.doesNotSee(), lang));
        if (login.oneCenter()) {
            assertThat(shown).containsExactlyElementsOf(names(login.sees(), lang));
        }
        screenshot("landing-" + login.username(), lang);
    }

    // 2. creating a center, and the form's errors

    @Test
    void districtAdminCreatesACenterThroughTheForm() {
        String name = "Page Test Center " + suffix();
        signIn("district.prayagraj", "en");
        open("/staff/centers");
        screenshot("centers-list", "en");
        clickAndWaitForNewPage(browser.findElement(By.linkText(msg("en", "center.list.add"))));
        assertThat(heading()).isEqualTo(msg("en", "center.form.new-title"));
        assertThat(new Select(browser.findElement(By.id("districtId"))).getFirstSelectedOption().getText()).isEqualTo("Prayagraj");

        type("name", name);
        type("nameHi", "पेज टेस्ट केंद्र");
        type("address", "Civil Lines");
        type("blockName", "Chaka");
        type("pincode", "211001");
        type("latitude", "25.4500");
        type("longitude", "81.8400");
        setValue("opensAt", "08:00");
        setValue("closesAt", "16:00");
        clickAndWaitForNewPage(submitButton());

        assertThat(browser.getCurrentUrl()).matches(".*/staff/centers/\\d+$");
        assertThat(heading()).isEqualTo(name);
        assertThat(notice()).isEqualTo(msg("en", "center.notice.created"));
        assertThat(fact(msg("en", "center.field.district"))).isEqualTo("Prayagraj");
        assertThat(fact(msg("en", "center.field.hours"))).isEqualTo("08:00–16:00");
        assertThat(fact(msg("en", "center.field.fee-type"))).isEqualTo(msg("en", "center.fee-type.free"));
        screenshot("center", "en");

        open("/staff/centers");
        assertThat(browser.findElements(By.linkText(name))).hasSize(1);
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void centerFormShowsEachErrorNextToItsFieldInTheReadersLanguage(String lang) {
        signIn("district.prayagraj", lang);
        open("/staff/centers/new");
        type("address", "Civil Lines");
        type("blockName", "Chaka");
        type("pincode", "12");
        type("latitude", "25.4500");
        type("longitude", "81.8400");
        setValue("opensAt", "17:00");
        setValue("closesAt", "09:00");
        clickAndWaitForNewPage(submitButton());

        assertThat(heading()).isEqualTo(msg(lang, "center.form.new-title"));
        assertThat(browser.findElement(By.cssSelector(".error-box p")).getText()).isEqualTo(msg(lang, "form.errors.heading"));
        assertThat(fieldError("name")).isEqualTo(msg(lang, "NotBlank"));
        assertThat(fieldError("pincode")).isEqualTo(msg(lang, "Min", "pincode", 110000));
        assertThat(fieldError("closesAt")).isEqualTo(msg(lang, "center.error.hours"));
        assertThat(browser.findElements(By.cssSelector(".field.invalid"))).hasSize(3);
        assertThat(browser.findElement(By.id("name")).getDomAttribute("aria-invalid")).isEqualTo("true");
        // what was typed stays in the form
        assertThat(browser.findElement(By.id("address")).getDomProperty("value")).isEqualTo("Civil Lines");
        assertThat(browser.findElement(By.id("opensAt")).getDomProperty("value")).isEqualTo("17:00");
        if (lang.equals("hi")) {
            assertThat(fieldError("name")).isEqualTo("यह फ़ील्ड ज़रूरी है।");
        }
        screenshot("center-form-errors", lang);

        // a value that is not a number does not hide the errors of the other fields
        type("longitude", "east");
        clickAndWaitForNewPage(submitButton());

        assertThat(fieldError("longitude")).isEqualTo(msg(lang, "typeMismatch.java.math.BigDecimal"));
        assertThat(fieldError("name")).isEqualTo(msg(lang, "NotBlank"));
        assertThat(fieldError("pincode")).isEqualTo(msg(lang, "Min", "pincode", 110000));
        assertThat(browser.findElement(By.id("longitude")).getDomProperty("value")).isEqualTo("east");
        assertThat(browser.findElement(By.id("address")).getDomProperty("value")).isEqualTo("Civil Lines");
        screenshot("center-form-errors-not-a-number", lang);
    }

    // 3. planning sessions in bulk

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void districtAdminPlansTwoWeeksOfWeekdaySessionsAndSeesThemListed(String lang) {
        Center center = newPrayagrajCenter("Plan Test Center " + suffix());
        LocalDate monday = today().with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        LocalDate friday = monday.plusDays(11);
        signIn("district.prayagraj", lang);

        open("/staff/centers/" + center.id() + "/sessions");
        assertThat(browser.findElement(By.cssSelector("main section > p")).getText()).isEqualTo(msg(lang, "session.center.none"));
        clickAndWaitForNewPage(browser.findElement(By.linkText(msg(lang, "session.center.plan"))));
        assertThat(heading()).isEqualTo(msg(lang, "session.plan.title", center.name(locale(lang))));
        screenshot("plan-form", lang);

        new Select(browser.findElement(By.id("vaccineCode"))).selectByValue("COVAXIN");
        assertThat(browser.findElement(By.id("fromDate")).getDomProperty("value")).isEqualTo(monday.toString());
        setValue("toDate", friday.toString());
        type("maxAge", "44");
        type("dose1Capacity", "60");
        type("dose2Capacity", "20");
        clickAndWaitForNewPage(submitButton());

        assertThat(browser.getCurrentUrl()).endsWith("/staff/centers/" + center.id() + "/sessions");
        assertThat(browser.findElement(By.cssSelector(".notice p")).getText()).isEqualTo(msg(lang, "session.plan.created", 10));
        var rows = browser.findElements(By.cssSelector("table tbody tr"));
        var expectedDates = monday.datesUntil(friday.plusDays(1))
                .filter(d -> d.getDayOfWeek().getValue() <= 5)
                .map(d -> DateTimeFormatter.ofPattern("EEE d MMM", locale(lang)).format(d))
                .toList();
        assertThat(rows).extracting(row -> cell(row, 0)).containsExactlyElementsOf(expectedDates);
        assertThat(rows).extracting(row -> cell(row, 1)).containsOnly(lang.equals("hi") ? "कोवैक्सिन" : "Covaxin");
        assertThat(rows).extracting(row -> cell(row, 2)).containsOnly(msg(lang, "session.age.band", 18, 44));
        assertThat(rows).extracting(row -> cell(row, 3)).containsOnly(msg(lang, "session.booked-of", 0, 60));
        assertThat(rows).extracting(row -> cell(row, 4)).containsOnly(msg(lang, "session.booked-of", 0, 20));
        assertThat(rows).extracting(row -> cell(row, 5)).containsOnly("4");
        screenshot("center-sessions", lang);

        // planning the same again creates nothing and says so
        open("/staff/centers/" + center.id() + "/sessions/new");
        new Select(browser.findElement(By.id("vaccineCode"))).selectByValue("COVAXIN");
        setValue("toDate", friday.toString());
        type("maxAge", "44");
        clickAndWaitForNewPage(submitButton());
        assertThat(browser.findElements(By.cssSelector(".notice p"))).extracting(WebElement::getText)
                .containsExactly(msg(lang, "session.plan.created", 0), msg(lang, "session.plan.skipped", 10));
        assertThat(browser.findElements(By.cssSelector("table tbody tr"))).hasSize(10);
    }

    // 4. sign-in errors and the language switch

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void wrongPasswordShowsTheErrorInTheReadersLanguage(String lang) {
        String username = "page.test." + suffix();
        accounts.create(username, PASSWORD, "Page Test Admin", StaffScope.district(Role.DISTRICT_ADMIN, 34, PRAYAGRAJ));
        open("/staff/login?lang=" + lang);
        assertThat(heading()).isEqualTo(msg(lang, "login.heading"));
        screenshot("login", lang);

        type("username", username);
        type("password", "not-the-password");
        clickAndWaitForNewPage(submitButton());

        assertThat(browser.getCurrentUrl()).endsWith("/staff/login?error");
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).isEqualTo(msg(lang, "login.error.bad-credentials"));
        assertThat(heading()).isEqualTo(msg(lang, "login.heading"));
        screenshot("login-error", lang);
    }

    @Test
    void languageChosenInTheHeaderIsKeptOnTheNextPages() {
        open("/");
        assertThat(heading()).isEqualTo(msg("en", "home.heading"));
        screenshot("home", "en");

        clickAndWaitForNewPage(browser.findElement(By.cssSelector(".lang a[lang=hi]")));
        assertThat(heading()).isEqualTo(msg("hi", "home.heading"));
        assertThat(browser.findElement(By.cssSelector(".lang a.current")).getDomAttribute("lang")).isEqualTo("hi");
        screenshot("home", "hi");

        // the staff console link carries no lang parameter: the cookie keeps Hindi
        clickAndWaitForNewPage(browser.findElement(By.linkText(msg("hi", "home.staff.link"))));
        assertThat(browser.getCurrentUrl()).endsWith("/staff/login");
        assertThat(heading()).isEqualTo(msg("hi", "login.heading"));
        type("username", "district.prayagraj");
        type("password", PASSWORD);
        clickAndWaitForNewPage(submitButton());
        assertThat(heading()).isEqualTo(msg("hi", "session.day.heading", longDate(today(), "hi")));

        clickAndWaitForNewPage(browser.findElement(By.linkText(msg("hi", "nav.centers"))));
        assertThat(heading()).isEqualTo(msg("hi", "center.list.heading"));

        clickAndWaitForNewPage(browser.findElement(By.cssSelector(".lang a[lang=en]")));
        assertThat(heading()).isEqualTo(msg("en", "center.list.heading"));
        clickAndWaitForNewPage(browser.findElement(By.linkText(msg("en", "nav.sessions"))));
        assertThat(heading()).isEqualTo(msg("en", "session.day.heading", longDate(today(), "en")));
    }

    @Test
    void browserLanguageDecidesUntilTheReaderChooses() {
        acceptLanguage("hi-IN,hi;q=0.9,en;q=0.8");
        open("/");
        assertThat(heading()).isEqualTo(msg("hi", "home.heading"));

        clickAndWaitForNewPage(browser.findElement(By.cssSelector(".lang a[lang=en]")));
        assertThat(heading()).isEqualTo(msg("en", "home.heading"));
        open("/staff/login");
        assertThat(heading()).isEqualTo(msg("en", "login.heading"));
    }

    // 5. outside one's area

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void districtAdminOpeningAnotherDistrictsCenterSeesNotAllowed(String lang) {
        int raipurCenter = centers.inDistrict(RAIPUR).stream()
                .filter(c -> c.name().equals(RAIPUR_CENTERS.getFirst().en())).findFirst().orElseThrow().id();
        signIn("district.prayagraj", lang);

        for (String path : List.of("/staff/centers/" + raipurCenter, "/staff/centers/" + raipurCenter + "/sessions",
                "/staff/centers/" + raipurCenter + "/edit", "/staff/centers/" + raipurCenter + "/sessions/new")) {
            open(path);
            assertThat(heading()).as(path).isEqualTo(msg(lang, "error.403.heading"));
            assertThat(browser.findElement(By.cssSelector("section.error p")).getText()).as(path)
                    .isEqualTo(msg(lang, "staff.error.out-of-scope"));
            assertThat(browser.getPageSource()).as(path).doesNotContain(RAIPUR_CENTERS.getFirst().en(), RAIPUR_CENTERS.getFirst().hi());
        }
        screenshot("error-not-allowed", lang);

        // and the vaccine catalogue is for state admins only
        open("/staff/vaccines/COVAXIN/edit");
        assertThat(heading()).isEqualTo(msg(lang, "error.403.heading"));
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void unknownAddressesShowPageNotFound(String lang) {
        signIn("state.up", lang);
        open("/staff/centers/999999");
        assertThat(heading()).isEqualTo(msg(lang, "error.404.heading"));
        assertThat(browser.findElement(By.cssSelector("section.error p")).getText()).isEqualTo(msg(lang, "center.error.not-found", "999999"));
        screenshot("error-center-not-found", lang);

        open("/staff/no-such-page");
        assertThat(heading()).isEqualTo(msg(lang, "error.404.heading"));
        assertThat(browser.findElement(By.cssSelector("section.error p")).getText()).isEqualTo(msg(lang, "error.404.text"));
        screenshot("error-not-found", lang);
    }

    // every main page, for the screenshots and against missing translations

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void everyMainPageRendersInTheReadersLanguage(String lang) {
        Center beli = centers.inDistrict(PRAYAGRAJ).stream().filter(c -> c.name().equals(BELI.en())).findFirst().orElseThrow();
        String beliName = beli.name(locale(lang));
        record Page(String path, String shot, String heading) {
        }
        var pages = List.of(
                new Page("/", "home", msg(lang, "home.heading")),
                new Page("/staff/sessions", "sessions-day", msg(lang, "session.day.heading", longDate(today(), lang))),
                new Page("/staff/sessions?date=" + today().plusDays(30), "sessions-day-empty",
                        msg(lang, "session.day.heading", longDate(today().plusDays(30), lang))),
                new Page("/staff/centers", "centers-list", msg(lang, "center.list.heading")),
                new Page("/staff/centers/" + beli.id(), "center", beliName),
                new Page("/staff/centers/new", "center-form-new", msg(lang, "center.form.new-title")),
                new Page("/staff/centers/" + beli.id() + "/edit", "center-form-edit", msg(lang, "center.form.edit-title")),
                new Page("/staff/centers/" + beli.id() + "/sessions", "center-sessions", msg(lang, "session.center.title", beliName)),
                new Page("/staff/centers/" + beli.id() + "/sessions/new", "plan-form", msg(lang, "session.plan.title", beliName)),
                new Page("/staff/cold-chain", "cold-chain", msg(lang, "cold-chain.title")),
                new Page("/staff/cold-chain/new", "cold-chain-form", msg(lang, "cold-chain.form.title")),
                new Page("/staff/vaccines", "vaccines", msg(lang, "vaccine.list.title")),
                new Page("/staff/vaccines/COVAXIN/edit", "vaccine-edit",
                        msg(lang, "vaccine.form.title", lang.equals("hi") ? "कोवैक्सिन" : "Covaxin")),
                new Page("/staff/lists", "lists", msg(lang, "beneficiary.lists.title")),
                new Page("/staff/lists/new?districtId=" + PRAYAGRAJ, "list-form", msg(lang, "beneficiary.list-form.title")),
                new Page("/staff/messages", "messages", msg(lang, "smsdesk.search.title")),
                new Page("/staff/messages?status=DELIVERED", "messages-delivered", msg(lang, "smsdesk.search.title")),
                new Page("/staff/messages/rates", "messages-rates", msg(lang, "smsdesk.rates.title")),
                new Page("/staff/messages/dead", "messages-dead", msg(lang, "smsdesk.dead.title")),
                new Page("/staff/messages/call-list?centerId=" + beli.id(), "messages-call-list", msg(lang, "smsdesk.call-list.title")));
        signIn("state.up", lang);

        for (Page page : pages) {
            open(page.path());
            assertThat(heading()).as(page.path()).isEqualTo(page.heading());
            assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).as(page.path()).isEqualTo(lang);
            assertThat(browser.getPageSource()).as("unresolved message on %s", page.path()).doesNotContainPattern("\\?\\?[\\w.-]+\\?\\?");
            assertThat(browser.getTitle()).as(page.path()).isNotBlank();
            screenshot(page.shot() + "-state.up", lang);
        }
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void sessionsOfTheDayFitAPhoneScreen(String lang) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        signIn("district.prayagraj", lang);

        assertThat(heading()).isEqualTo(msg(lang, "session.day.heading", longDate(today(), lang)));
        assertThat(sessionCenterNames()).containsAll(names(PRAYAGRAJ_CENTERS, lang));
        Number pageWidth = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        Number viewportWidth = (Number) browser.executeScript("return document.documentElement.clientWidth");
        assertThat(viewportWidth.intValue()).isEqualTo(390);
        assertThat(pageWidth.intValue()).as("no sideways scrolling").isLessThanOrEqualTo(viewportWidth.intValue());
        assertThat(browser.findElement(By.cssSelector("table thead")).isDisplayed()).isFalse();
        screenshot("sessions-day-phone", lang);

        open("/staff/centers");
        pageWidth = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        assertThat(pageWidth.intValue()).as("no sideways scrolling").isLessThanOrEqualTo(390);
        screenshot("centers-list-phone", lang);
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void districtAdminUploadsAListAndSeesEachRowsOutcome(String lang) throws IOException {
        Path list = Files.createTempFile("health-workers", ".csv");
        var random = java.util.concurrent.ThreadLocalRandom.current();
        Files.writeString(list, "name,mobile,birth_year,gender,id_type,id_number,category\r\n"
                + "Sunita Devi,7" + random.nextLong(100_000_000L, 1_000_000_000L) + ",1985,F,Voter ID,TKP" + random.nextInt(1_000_000, 10_000_000) + ",Health worker\r\n"
                + "Ramesh Kumar,7" + random.nextLong(100_000_000L, 1_000_000_000L) + ",1979,M,Voter ID,TKP" + random.nextInt(1_000_000, 10_000_000) + ",Frontline worker\r\n"
                + "Wrong Mobile,12345,1980,F,Voter ID,TKP" + random.nextInt(1_000_000, 10_000_000) + ",Health worker\r\n");
        try {
            signIn("district.prayagraj", lang);
            open("/staff/lists/new");
            assertThat(heading()).isEqualTo(msg(lang, "beneficiary.list-form.title"));
            screenshot("list-upload-form", lang);

            browser.findElement(By.id("file")).sendKeys(list.toAbsolutePath().toString());
            clickAndWaitForNewPage(submitButton());

            // the page polls while the list is imported
            wait.until(driver -> driver.findElement(By.cssSelector("#list-progress .notice")).getText()
                    .equals(msg(lang, "beneficiary.list.status.done")));
            assertThat(browser.findElements(By.cssSelector("#list-progress dd")).stream().map(WebElement::getText).toList())
                    .containsExactly("3", "3", "2", "0", "1");
            assertThat(browser.findElement(By.cssSelector("#list-progress tbody")).getText())
                    .contains("Wrong Mobile").contains(msg(lang, "beneficiary.error.mobile-invalid"));
            screenshot("list-imported", lang);
        } finally {
            Files.deleteIfExists(list);
        }
    }

    // the SMS desk

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void districtAdminFollowsAFailedAppointmentSmsFromSearchToCallListToRetry(String lang) {
        LocalDate day = today().plusDays(2);
        Center center = newPrayagrajCenter("Desk Page Center " + suffix());
        var scope = StaffScope.district(Role.DISTRICT_ADMIN, 34, PRAYAGRAJ);
        sessions.plan(center.id(), new org.teeka.session.SessionPlan("COVAXIN", day, day, java.util.EnumSet.allOf(DayOfWeek.class), 18, null,
                10, 0, LocalTime.of(10, 0), LocalTime.of(12, 0), 60), scope, "page-test");
        var session = sessions.atCenter(center.id(), day, 1, scope).getFirst();
        String mobile = "7" + String.format("%09d", java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000L));
        var person = beneficiaries.register(mobile, new org.teeka.beneficiary.NewBeneficiary("Sunita Devi", 1985,
                org.teeka.beneficiary.Gender.FEMALE, org.teeka.beneficiary.PhotoIdType.VOTER_ID,
                "TKQ" + String.format("%07d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000)), PRAYAGRAJ, 211001),
                locale(lang));
        var appointment = bookings.book(mobile, person.id(), session.id(), 1, 1, null, org.teeka.booking.Appointment.Source.CITIZEN, locale(lang));
        // the operator never delivers it: once settled, it is made a dead letter
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(jdbc.sql(
                "select status from outbox_messages where dedupe_key = ?").param("appointment:" + appointment.id()).query(String.class).single()));
        jdbc.sql("update outbox_messages set status = 'DEAD', attempts = 8, last_error = 'SMSC rejected: 0x58 throttled' where dedupe_key = ?")
                .param("appointment:" + appointment.id()).update();
        String smsText = jdbc.sql("select text from outbox_messages where dedupe_key = ?").param("appointment:" + appointment.id())
                .query(String.class).single();

        signIn("district.prayagraj", lang);
        clickAndWaitForNewPage(browser.findElement(By.linkText(msg(lang, "nav.messages"))));
        assertThat(heading()).isEqualTo(msg(lang, "smsdesk.search.title"));
        type("mobile", mobile);
        clickAndWaitForNewPage(submitButton());
        var rows = browser.findElements(By.cssSelector("table.messages tbody tr"));
        assertThat(rows).extracting(row -> cell(row, 2)).containsExactlyInAnyOrder(
                msg(lang, "smsdesk.template.appointment-booked"), msg(lang, "smsdesk.template.appointment-reminder"),
                msg(lang, "smsdesk.template.registered"));
        assertThat(browser.findElement(By.cssSelector("table.messages")).getText())
                .contains(msg(lang, "smsdesk.status.dead"), msg(lang, "smsdesk.status.scheduled"), "SMSC rejected: 0x58 throttled");
        assertThat(browser.getPageSource()).doesNotContain(smsText).doesNotContain(appointment.securityCode() + ".");
        screenshot("messages-search", lang);

        clickAndWaitForNewPage(browser.findElement(By.linkText(msg(lang, "smsdesk.rates.title"))));
        assertThat(heading()).isEqualTo(msg(lang, "smsdesk.rates.title"));
        assertThat(browser.findElement(By.cssSelector("table.rates tbody")).getText()).contains(lang.equals("hi") ? "प्रयागराज" : "Prayagraj");
        screenshot("messages-rates", lang);

        open("/staff/messages/call-list?centerId=" + center.id() + "&date=" + day);
        assertThat(heading()).isEqualTo(msg(lang, "smsdesk.call-list.title"));
        var called = browser.findElements(By.cssSelector("table.call-list-table tbody tr"));
        assertThat(called).singleElement().satisfies(row -> {
            assertThat(cell(row, 0)).isEqualTo("10:00–11:00");
            assertThat(cell(row, 1)).isEqualTo("Sunita Devi");
            assertThat(cell(row, 2)).isEqualTo(mobile);
            assertThat(cell(row, 3)).isEqualTo(person.referenceId());
            assertThat(cell(row, 5)).isEqualTo(msg(lang, "smsdesk.call-list.reason.dead"));
        });
        screenshot("messages-call-list", lang);
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(browser.findElement(By.cssSelector("header.bar")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.cssSelector("form.day-picker")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.cssSelector("table.call-list-table")).isDisplayed()).isTrue();
            screenshot("messages-call-list-print", lang);
        } finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }

        open("/staff/messages/dead");
        assertThat(heading()).isEqualTo(msg(lang, "smsdesk.dead.title"));
        String letter = jdbc.sql("select id::text from outbox_messages where dedupe_key = ?").param("appointment:" + appointment.id())
                .query(String.class).single();
        browser.findElement(By.id("letter-" + letter)).click();
        screenshot("messages-dead-letters", lang);
        clickAndWaitForNewPage(browser.findElement(By.xpath("//button[normalize-space()='" + msg(lang, "smsdesk.dead.retry-chosen") + "']")));
        assertThat(browser.findElement(By.cssSelector("main section .notice")).getText()).isEqualTo(msg(lang, "smsdesk.dead.retried", 1));
        assertThat(browser.findElements(By.id("letter-" + letter))).isEmpty();
        screenshot("messages-dead-letters-retried", lang);
    }

    // helpers

    private void signIn(String username, String lang) {
        open("/staff/login?lang=" + lang);
        type("username", username);
        type("password", PASSWORD);
        clickAndWaitForNewPage(submitButton());
        wait.until(ExpectedConditions.urlContains("/staff/sessions"));
    }

    private void open(String path) {
        chromium.open(port, path);
    }

    private void clickAndWaitForNewPage(WebElement element) {
        chromium.clickAndWaitForNewPage(element);
    }

    private WebElement submitButton() {
        return browser.findElement(By.cssSelector("main form button[type=submit]"));
    }

    private void type(String id, String text) {
        chromium.type(id, text);
    }

    /** Date and time inputs take keys in the browser's locale format; their value is set directly. */
    private void setValue(String id, String value) {
        browser.executeScript("""
                arguments[0].value = arguments[1];
                arguments[0].dispatchEvent(new Event('input', {bubbles: true}));
                arguments[0].dispatchEvent(new Event('change', {bubbles: true}));""",
                browser.findElement(By.id(id)), value);
        assertThat(browser.findElement(By.id(id)).getDomProperty("value")).isEqualTo(value);
    }

    private void acceptLanguage(String header) {
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Accept-Language", header)));
    }

    private String heading() {
        return chromium.heading();
    }

    private String notice() {
        return browser.findElement(By.cssSelector("main > .notice")).getText();
    }

    /** The error shown inside the same field block as the input. */
    private String fieldError(String id) {
        WebElement field = browser.findElement(By.id(id)).findElement(By.xpath("ancestor::div[contains(@class,'field')][1]"));
        assertThat(field.getDomAttribute("class")).contains("invalid");
        return field.findElements(By.cssSelector(".field-error")).stream().map(WebElement::getText)
                .collect(Collectors.joining(" | "));
    }

    private String fact(String term) {
        return browser.findElement(By.xpath("//dl[@class='facts']/dt[normalize-space()='" + term + "']/following-sibling::dd[1]")).getText();
    }

    private static String cell(WebElement row, int index) {
        return row.findElements(By.tagName("td")).get(index).getText();
    }

    private Set<String> sessionCenterNames() {
        return browser.findElements(By.cssSelector("table.sessions tbody tr td:first-child")).stream()
                .map(WebElement::getText).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private Center newPrayagrajCenter(String name) {
        var scope = StaffScope.district(Role.DISTRICT_ADMIN, 34, PRAYAGRAJ);
        return centers.create(new CenterDetails(name, "योजना परीक्षण केंद्र " + name.substring(name.lastIndexOf(' ') + 1),
                "Civil Lines", null, "Chaka", null, PRAYAGRAJ, 211001, new BigDecimal("25.45"), new BigDecimal("81.84"),
                FeeType.FREE, LocalTime.of(9, 0), LocalTime.of(17, 0), Map.of()), scope);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private void screenshot(String name, String lang) {
        chromium.screenshot(name, lang);
    }

    private static List<String> names(List<Name> names, String lang) {
        return names.stream().map(n -> lang.equals("hi") ? n.hi() : n.en()).toList();
    }

    private static String longDate(LocalDate date, String lang) {
        return DateTimeFormatter.ofPattern("d MMMM yyyy", locale(lang)).format(date);
    }

    private static Locale locale(String lang) {
        return Locale.forLanguageTag(lang);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The text of a key in a language, formatted as Spring does: through MessageFormat only when there are arguments. */
    static String msg(String lang, String key, Object... arguments) {
        String pattern = BUNDLES.get(lang).getProperty(key);
        assertThat(pattern).as("message %s in %s", key, lang).isNotNull();
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale(lang)).format(arguments);
    }

    private static Properties bundle(String resource) {
        var properties = new Properties();
        try (var in = StaffConsolePageTests.class.getClassLoader().getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    record Name(String en, String hi) {
    }

    record Login(String username, Role role, List<Name> sees, List<Name> doesNotSee, boolean oneCenter) {

        @Override
        public String toString() {
            return username;
        }
    }
}
