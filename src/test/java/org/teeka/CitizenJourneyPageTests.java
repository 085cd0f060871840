package org.teeka;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.NewBeneficiary;
import org.teeka.beneficiary.PhotoIdType;
import org.teeka.booking.Appointment;
import org.teeka.booking.Bookings;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teeka.Bundles.msg;

/**
 * A citizen's journey in a real headless Chromium (Debian's {@code chromium} and {@code chromedriver}),
 * in English and in Hindi: sign in with the code from the SMS outbox, add a family member, book the
 * earliest slot, see the slip, move it through the search, cancel it. Expected texts come from the
 * bundles read on their own. Every citizen page is saved as {@code target/screenshots/citizen-*.png}.
 */
@IntegrationTest
class CitizenJourneyPageTests {

    static final int UTTAR_PRADESH = 34;
    static final int PRAYAGRAJ = 624;
    static final Duration TIMEOUT = HeadlessChromium.TIMEOUT;

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium("citizen-");
    static ChromeDriver browser;
    static WebDriverWait wait;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    Bookings bookings;

    @BeforeAll
    static void useTheBrowser() {
        browser = chromium.driver();
        wait = chromium.waiting();
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void aCitizenSignsInAddsAMemberBooksMovesAndCancelsTheAppointment(String lang) {
        String mobile = newMobile();

        // sign in with the code the SMS carries
        signIn(mobile, lang, "");
        assertThat(browser.getCurrentUrl()).endsWith("/citizen");
        assertThat(heading()).isEqualTo(msg(lang, "family.title"));
        assertThat(browser.findElement(By.cssSelector(".who")).getText())
                .isEqualTo(msg(lang, "layout.citizen-signed-in-as", "XXXXXX" + mobile.substring(6)));
        assertThat(browser.findElement(By.cssSelector("main p")).getText()).isEqualTo(msg(lang, "family.none", 4));
        screenshot("family-empty", lang);

        // add a family member: first with nothing filled in, then properly; the district list follows the state
        clickAndWaitForNewPage(browser.findElement(By.linkText(msg(lang, "family.add"))));
        assertThat(heading()).isEqualTo(msg(lang, "member.form.title"));
        screenshot("member-form", lang);
        clickAndWaitForNewPage(submitButton());
        assertThat(browser.findElement(By.cssSelector(".error-box p")).getText()).isEqualTo(msg(lang, "form.errors.heading"));
        assertThat(fieldError("name")).isEqualTo(msg(lang, "NotBlank"));
        assertThat(fieldError("districtId")).isEqualTo(msg(lang, "NotNull"));
        screenshot("member-form-errors", lang);

        type("name", lang.equals("hi") ? "सीता देवी" : "Sita Devi");
        type("birthYear", "1990");
        browser.findElement(By.cssSelector("input[name=gender][value=FEMALE]")).click();
        new Select(browser.findElement(By.id("idType"))).selectByValue("VOTER_ID");
        type("idNumber", newVoterId());
        new Select(browser.findElement(By.id("stateId"))).selectByValue(String.valueOf(UTTAR_PRADESH));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#districtId option[value='" + PRAYAGRAJ + "']")));
        new Select(browser.findElement(By.id("districtId"))).selectByValue(String.valueOf(PRAYAGRAJ));
        type("pincode", "211001");
        clickAndWaitForNewPage(submitButton());

        assertThat(browser.getCurrentUrl()).endsWith("/citizen");
        assertThat(notice()).isEqualTo(msg(lang, "beneficiary.notice.registered"));
        Beneficiary member = beneficiaries.family(mobile).getFirst();
        assertThat(browser.findElement(By.cssSelector(".member h2")).getText()).isEqualTo(member.name());
        assertThat(browser.findElement(By.cssSelector(".member .facts")).getText()).contains(member.maskedId(), member.referenceId());
        assertThat(browser.findElement(By.cssSelector(".next-dose h3")).getText()).isEqualTo(msg(lang, "family.next-dose.heading", 1));
        screenshot("family-member", lang);

        // one click books the earliest slot near them and shows the slip
        clickAndWaitForNewPage(button(msg(lang, "family.earliest")));
        Appointment booked = bookings.activeOf(member.id()).getFirst();
        assertThat(browser.getCurrentUrl()).endsWith("/citizen/appointments/" + booked.id());
        assertThat(heading()).isEqualTo(msg(lang, "slip.title"));
        assertThat(notice()).isEqualTo(msg(lang, "booking.notice.booked"));
        assertThat(browser.findElement(By.cssSelector(".security-code .code")).getText()).isEqualTo(booked.securityCode());
        assertThat(browser.findElement(By.cssSelector(".confirmation")).getText()).isEqualTo(booked.confirmationNumber());
        assertThat(browser.findElement(By.cssSelector(".slip .facts")).getText()).contains(member.name(), member.referenceId());
        screenshot("slip", lang);
        // printed, the slip is the slip alone: no menu, buttons or notice
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        assertThat(browser.findElement(By.cssSelector("header.bar")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector(".slip .actions")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector(".security-code .code")).isDisplayed()).isTrue();
        screenshot("slip-print", lang);
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

        // the family page shows the appointment with its security code
        clickAndWaitForNewPage(browser.findElement(By.linkText(msg(lang, "nav.family"))));
        assertThat(browser.findElement(By.cssSelector(".appointment h3")).getText()).isEqualTo(msg(lang, "family.appointment.heading", 1));
        assertThat(browser.findElement(By.cssSelector(".appointment .code")).getText()).isEqualTo(booked.securityCode());
        assertThat(browser.findElements(By.cssSelector(".next-dose"))).isEmpty();
        screenshot("family-booked", lang);

        // reschedule to another session through the search
        clickAndWaitForNewPage(browser.findElement(By.linkText(msg(lang, "family.appointment.reschedule"))));
        assertThat(heading()).isEqualTo(msg(lang, "search.reschedule.title"));
        assertThat(browser.findElement(By.cssSelector("li.current .left")).getText()).isEqualTo(msg(lang, "search.slot.current"));
        screenshot("reschedule", lang);
        WebElement otherSession = browser.findElements(By.cssSelector("form[method=post][action*='/reschedule']")).stream()
                .filter(form -> !form.findElement(By.cssSelector("input[name=session]")).getDomProperty("value")
                        .equals(booked.sessionId().toString()))
                .findFirst().orElseThrow();
        String chosenSession = otherSession.findElement(By.cssSelector("input[name=session]")).getDomProperty("value");
        clickAndWaitForNewPage(otherSession.findElement(By.tagName("button")));

        Appointment moved = bookings.activeOf(member.id()).getFirst();
        assertThat(moved.sessionId().toString()).isEqualTo(chosenSession);
        assertThat(bookings.get(booked.id(), mobile).status()).isEqualTo(Appointment.Status.RESCHEDULED);
        assertThat(browser.getCurrentUrl()).endsWith("/citizen/appointments/" + moved.id());
        assertThat(notice()).isEqualTo(msg(lang, "booking.notice.rescheduled"));
        assertThat(browser.findElement(By.cssSelector(".security-code .code")).getText()).isEqualTo(moved.securityCode());
        screenshot("slip-rescheduled", lang);

        // cancel, after a confirmation, and it is gone
        clickAndWaitForNewPage(browser.findElement(By.linkText(msg(lang, "family.appointment.cancel"))));
        assertThat(heading()).isEqualTo(msg(lang, "cancel.title"));
        screenshot("cancel", lang);
        clickAndWaitForNewPage(button(msg(lang, "cancel.confirm")));

        assertThat(browser.getCurrentUrl()).endsWith("/citizen");
        assertThat(notice()).isEqualTo(msg(lang, "booking.notice.cancelled"));
        assertThat(browser.findElements(By.cssSelector(".appointment"))).isEmpty();
        assertThat(bookings.activeOf(member.id())).isEmpty();
        assertThat(button(msg(lang, "family.earliest")).isDisplayed()).isTrue();
        screenshot("family-cancelled", lang);

        // the old slip says what became of it
        open("/citizen/appointments/" + moved.id());
        assertThat(browser.findElement(By.cssSelector(".slip .error-box")).getText()).isEqualTo(msg(lang, "slip.status.cancelled"));
        screenshot("slip-cancelled", lang);

        // booking again, this time choosing the session in the search
        open("/citizen");
        clickAndWaitForNewPage(browser.findElement(By.linkText(msg(lang, "family.choose-session"))));
        assertThat(heading()).isEqualTo(msg(lang, "search.title"));
        assertThat(browser.findElement(By.cssSelector("main .info")).getText()).isEqualTo(msg(lang, "search.booking-for", member.name(), 1));
        WebElement book = browser.findElements(By.cssSelector("form[method=post][action*='/citizen/book'] button")).getLast();
        clickAndWaitForNewPage(book);
        Appointment chosen = bookings.activeOf(member.id()).getFirst();
        assertThat(browser.getCurrentUrl()).endsWith("/citizen/appointments/" + chosen.id());
        assertThat(notice()).isEqualTo(msg(lang, "booking.notice.booked"));
        assertThat(chosen.source()).isEqualTo(Appointment.Source.CITIZEN);

        // signing out ends the session: the family page asks to sign in again
        clickAndWaitForNewPage(button(msg(lang, "layout.sign-out")));
        assertThat(browser.getCurrentUrl()).endsWith("/citizen/login?logout");
        open("/citizen");
        assertThat(browser.getCurrentUrl()).endsWith("/citizen/login");
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void aWrongCodeIsRefusedWithTheTriesLeft(String lang) {
        String mobile = newMobile();
        open("/citizen/login?lang=" + lang);
        type("mobile", mobile);
        var before = inbox().ids(mobile);
        clickAndWaitForNewPage(submitButton());
        String code = otpSentTo(mobile, before);
        String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);

        type("code", wrong);
        clickAndWaitForNewPage(submitButton());

        assertThat(browser.getCurrentUrl()).endsWith("/citizen/otp");
        assertThat(heading()).isEqualTo(msg(lang, "citizen.otp.heading"));
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).isEqualTo(msg(lang, "otp.error.wrong", 4));
        screenshot("otp-error", lang);
        open("/citizen");
        assertThat(browser.getCurrentUrl()).endsWith("/citizen/login");

        // the right code still works
        open("/citizen/otp");
        type("code", code);
        clickAndWaitForNewPage(submitButton());
        assertThat(heading()).isEqualTo(msg(lang, "family.title"));
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void everyCitizenPageHasLabelledFieldsAndFitsAPhoneScreen(String lang) {
        String mobile = newMobile();
        Beneficiary member = beneficiaries.register(mobile, new NewBeneficiary(lang.equals("hi") ? "राम प्रसाद" : "Ram Prasad", 1985,
                Gender.MALE, PhotoIdType.VOTER_ID, newVoterId(), PRAYAGRAJ, 211001), Locale.forLanguageTag(lang));
        Beneficiary other = beneficiaries.register(mobile, new NewBeneficiary(lang.equals("hi") ? "गीता प्रसाद" : "Gita Prasad", 1988,
                Gender.FEMALE, PhotoIdType.VOTER_ID, newVoterId(), PRAYAGRAJ, 211001), Locale.forLanguageTag(lang));
        Appointment appointment = bookings.bookEarliest(mobile, member.id(), 1, null, Locale.forLanguageTag(lang));
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        signIn(mobile, lang, "-phone");

        record Page(String path, String shot, String heading) {
        }
        for (Page page : List.of(
                new Page("/citizen", "family-phone", msg(lang, "family.title")),
                new Page("/citizen/members/new", "member-form-phone", msg(lang, "member.form.title")),
                new Page("/citizen/search", "search-empty-phone", msg(lang, "search.title")),
                new Page("/citizen/search?pincode=211002&beneficiary=" + other.id() + "&dose=1", "search-phone", msg(lang, "search.title")),
                new Page("/citizen/appointments/" + appointment.id(), "slip-phone", msg(lang, "slip.title")),
                new Page("/citizen/appointments/" + appointment.id() + "/reschedule", "reschedule-phone", msg(lang, "search.reschedule.title")),
                new Page("/citizen/appointments/" + appointment.id() + "/cancel", "cancel-phone", msg(lang, "cancel.title")),
                new Page("/citizen/appointments/" + UUID.randomUUID(), "not-found-phone", msg(lang, "error.404.heading")))) {
            open(page.path());
            assertThat(heading()).as(page.path()).isEqualTo(page.heading());
            assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).as(page.path()).isEqualTo(lang);
            assertThat(browser.getPageSource()).as("unresolved message on %s", page.path()).doesNotContainPattern("\\?\\?[\\w.-]+\\?\\?");
            assertThat(browser.findElements(By.linkText(msg(lang, "nav.search")))).as("citizen menu on %s", page.path()).hasSize(1);
            Number pageWidth = (Number) browser.executeScript("return document.documentElement.scrollWidth");
            assertThat(pageWidth.intValue()).as("no sideways scrolling on %s", page.path()).isLessThanOrEqualTo(390);
            assertEveryFieldIsLabelled(page.path());
            screenshot(page.shot(), lang);
        }

        // a search on the wide screen too
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        open("/citizen/search?beneficiary=" + other.id() + "&dose=1");
        assertThat(browser.findElements(By.cssSelector(".center-result"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector(".slot-list form button"))).isNotEmpty();
        screenshot("search", lang);
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void whenNothingIsFreeNearAMemberTheFamilyPageOffersTheWaitlist(String lang) {
        String mobile = newMobile();
        Locale locale = Locale.forLanguageTag(lang);
        // Lucknow has no centers
        Beneficiary lucknow = beneficiaries.register(mobile, new NewBeneficiary(lang.equals("hi") ? "श्याम लाल" : "Shyam Lal", 1970,
                Gender.MALE, PhotoIdType.VOTER_ID, newVoterId(), 670, 226001), locale);
        for (String name : lang.equals("hi") ? List.of("मीरा लाल", "गोपाल लाल", "राधा लाल") : List.of("Meera Lal", "Gopal Lal", "Radha Lal")) {
            beneficiaries.register(mobile, new NewBeneficiary(name, 2001, Gender.FEMALE, PhotoIdType.VOTER_ID, newVoterId(), PRAYAGRAJ,
                    211001), locale);
        }
        signIn(mobile, lang, "-waitlist");

        // four people are the most: the family page says so instead of offering to add one
        assertThat(browser.findElements(By.linkText(msg(lang, "family.add")))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("main .hint")).getText()).isEqualTo(msg(lang, "family.limit-reached", 4));
        WebElement card = browser.findElement(By.id("member-" + lucknow.id()));
        clickAndWaitForNewPage(card.findElement(By.xpath(".//button[normalize-space()='" + msg(lang, "family.earliest") + "']")));

        card = browser.findElement(By.id("member-" + lucknow.id()));
        assertThat(card.findElement(By.cssSelector(".error-box")).getText()).isEqualTo(msg(lang, "booking.error.nothing-free"));
        screenshot("family-nothing-free", lang);
        clickAndWaitForNewPage(card.findElement(By.xpath(".//button[normalize-space()='" + msg(lang, "family.join-waitlist") + "']")));

        assertThat(notice()).isEqualTo(msg(lang, "booking.notice.waiting"));
        assertThat(browser.findElement(By.cssSelector("#member-" + lucknow.id() + " .next-dose .notice")).getText())
                .isEqualTo(msg(lang, "family.waiting", 1));
        assertThat(browser.findElements(By.xpath("//button[normalize-space()='" + msg(lang, "family.join-waitlist") + "']"))).isEmpty();
        screenshot("family-waiting", lang);
    }

    // helpers

    private void signIn(String mobile, String lang, String shot) {
        open("/citizen/login?lang=" + lang);
        assertThat(heading()).isEqualTo(msg(lang, "citizen.login.heading"));
        screenshot("login" + shot, lang);
        type("mobile", mobile);
        var before = inbox().ids(mobile);
        clickAndWaitForNewPage(submitButton());
        assertThat(heading()).isEqualTo(msg(lang, "citizen.otp.heading"));
        screenshot("otp" + shot, lang);
        type("code", otpSentTo(mobile, before));
        clickAndWaitForNewPage(submitButton());
        wait.until(ExpectedConditions.urlMatches("/citizen$"));
    }

    /**
     * The code in the newest sign-in SMS that reached the mobile after {@code before}, read as a
     * person reads their phone: from what the local SMSC received ({@code GET /smsc/messages?mobile=}).
     */
    private String otpSentTo(String mobile, java.util.Set<String> before) {
        String code = inbox().otp(mobile, before);
        assertThat(code).matches("[0-9]{6}");
        return code;
    }

    private SmscInbox inbox() {
        return new SmscInbox(port);
    }

    /** Every visible input and select has a label: its own label element, a wrapping label, or a fieldset's legend for radios. */
    private void assertEveryFieldIsLabelled(String path) {
        for (WebElement field : browser.findElements(By.cssSelector("main input:not([type=hidden]), main select"))) {
            String id = field.getDomAttribute("id");
            boolean labelled = (id != null && !browser.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty())
                    || !field.findElements(By.xpath("ancestor::label")).isEmpty();
            assertThat(labelled).as("label of %s %s on %s", field.getTagName(), field.getDomAttribute("name"), path).isTrue();
        }
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

    private WebElement button(String text) {
        return browser.findElement(By.xpath("//button[normalize-space()='" + text + "']"));
    }

    private void type(String id, String text) {
        chromium.type(id, text);
    }

    private String heading() {
        return chromium.heading();
    }

    private String notice() {
        return browser.findElement(By.cssSelector("main > .notice")).getText();
    }

    private String fieldError(String id) {
        WebElement field = browser.findElement(By.id(id)).findElement(By.xpath("ancestor::*[contains(@class,'field')][1]"));
        assertThat(field.getDomAttribute("class")).contains("invalid");
        return field.findElement(By.cssSelector(".field-error")).getText();
    }

    private void screenshot(String name, String lang) {
        chromium.screenshot(name, lang);
    }

    private static String newMobile() {
        return "9" + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    private static String newVoterId() {
        return "TKJ" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }
}
