package org.teeka.luckydraw;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import org.teeka.HeadlessChromium;
import org.teeka.IntegrationTest;
import org.teeka.account.StaffAccounts;
import org.teeka.account.StaffPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.vaccination.DoseRecords;

import java.time.Clock;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teeka.Bundles.msg;

/**
 * The lucky-draw pages in a real headless Chromium: the public record of a district's draws
 * (English and Hindi, reached through the state and district picker), a district admin
 * announcing and making a draw, and a citizen seeing their family's cards. Screenshots go to
 * target/screenshots/luckydraw-*.png.
 */
@IntegrationTest
class LuckyDrawPageTests {

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium("luckydraw-");
    static ChromeDriver browser;
    static WebDriverWait wait;
    private static volatile LuckyDraw drawn;
    private static volatile LuckyDraw announced;

    @LocalServerPort
    int port;

    @Autowired
    LuckyDraws draws;

    @Autowired
    DoseRecords doses;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    private LuckyDrawFixtures fixtures;

    @BeforeAll
    static void useTheBrowser() {
        browser = chromium.driver();
        wait = chromium.waiting();
    }

    @BeforeEach
    void setUp() {
        fixtures = new LuckyDrawFixtures(beneficiaries, doses, jdbc);
        browser.manage().deleteAllCookies();
        if (drawn == null) {
            StaffPrincipal admin = accounts.find("district.prayagraj").orElseThrow();
            LocalDate day = LocalDate.of(2024, 6, 1);
            for (int i = 0; i < 12; i++) {
                fixtures.vaccinatedIn(LuckyDrawFixtures.PRAYAGRAJ, day.plusDays(i % 3));
            }
            drawn = draws.draw(draws.announce(LuckyDrawFixtures.PRAYAGRAJ, day, day.plusDays(2), 3, admin.scope(), admin.id()).id(),
                    admin.scope(), admin.id());
            announced = draws.announce(LuckyDrawFixtures.PRAYAGRAJ, day.plusDays(1), day.plusDays(2), 2, admin.scope(), admin.id());
        }
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void thePublicPageShowsADistrictsDrawsWithHashesSeedAndWinningCardNumbersOnly(String lang) {
        chromium.open(port, "/lucky-draws?lang=" + lang);
        assertThat(chromium.heading()).isEqualTo(msg(lang, "luckydraw.public.title"));
        new Select(browser.findElement(By.id("state"))).selectByVisibleText(lang.equals("hi") ? "उत्तर प्रदेश" : "Uttar Pradesh");
        chromium.clickAndWaitForNewPage(submit());
        new Select(browser.findElement(By.id("district"))).selectByVisibleText(lang.equals("hi") ? "प्रयागराज" : "Prayagraj");
        chromium.clickAndWaitForNewPage(submit());

        assertThat(browser.findElement(By.cssSelector("main h2")).getText())
                .isEqualTo(msg(lang, "luckydraw.public.district-heading", lang.equals("hi") ? "प्रयागराज" : "Prayagraj"));
        WebElement made = browser.findElement(By.id("draw-" + drawn.id()));
        assertThat(made.getText()).contains(msg(lang, "luckydraw.status.drawn"), drawn.listSha256(), drawn.seedSha256(), drawn.seedHex(),
                msg(lang, "luckydraw.winners-of", 3, 12));
        assertThat(made.findElements(By.cssSelector(".winners li")).stream().map(WebElement::getText).toList())
                .isEqualTo(drawn.winners().stream().map(CardNumber::grouped).toList());
        WebElement pending = browser.findElement(By.id("draw-" + announced.id()));
        assertThat(pending.getText()).contains(msg(lang, "luckydraw.status.announced"), announced.seedSha256(),
                msg(lang, "luckydraw.draw.seed-secret"));
        assertThat(pending.findElements(By.cssSelector(".winners li"))).isEmpty();
        // card numbers only: no one's name or mobile number is on the page
        assertThat(browser.getPageSource()).doesNotContain("Lucky Person");
        chromium.screenshot("public", lang);

        chromium.clickAndWaitForNewPage(made.findElement(By.linkText(msg(lang, "luckydraw.draw.title", drawn.id()))));
        assertThat(chromium.heading()).isEqualTo(msg(lang, "luckydraw.draw.heading", drawn.id(), lang.equals("hi") ? "प्रयागराज" : "Prayagraj"));
        chromium.screenshot("draw", lang);
    }

    @Test
    void aDistrictAdminAnnouncesAndThenMakesADraw() {
        LocalDate day = LocalDate.of(2024, 7, 1);
        for (int i = 0; i < 4; i++) {
            fixtures.vaccinatedIn(LuckyDrawFixtures.PRAYAGRAJ, day);
        }
        chromium.open(port, "/staff/login?lang=en");
        chromium.type("username", "district.prayagraj");
        chromium.type("password", "teeka-demo-2026");
        chromium.clickAndWaitForNewPage(submit());
        chromium.clickAndWaitForNewPage(browser.findElement(By.linkText(msg("en", "nav.lucky-draws"))));
        assertThat(chromium.heading()).isEqualTo(msg("en", "luckydraw.staff.title"));

        LocalDate today = LocalDate.now(clock);
        setDate("fromDate", day);
        setDate("toDate", today);
        chromium.type("winners", "2");
        chromium.clickAndWaitForNewPage(submit());
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText())
                .contains(msg("en", "luckydraw.error.range-not-over", today.toString()));
        chromium.screenshot("staff-error", "en");

        setDate("toDate", day);
        chromium.clickAndWaitForNewPage(submit());
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isEqualTo(msg("en", "luckydraw.notice.announced"));
        long id = jdbc.sql("select max(id) from lucky_draws where from_date = ?").param(day).query(Long.class).single();
        WebElement draw = browser.findElement(By.id("draw-" + id));
        chromium.clickAndWaitForNewPage(draw.findElement(By.cssSelector("button[type=submit]")));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isEqualTo(msg("en", "luckydraw.notice.drawn"));
        assertThat(browser.findElements(By.cssSelector("#draw-" + id + " .winners li"))).hasSize(2);
        chromium.screenshot("staff", "en");
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void aCitizenSeesTheCardOfEachVaccinatedMember(String lang) {
        Beneficiary person = fixtures.vaccinatedIn(LuckyDrawFixtures.PRAYAGRAJ, LocalDate.of(2024, 8, 1));
        CardNumber card = jdbc.sql("select card_number from lucky_draw_cards where beneficiary_id = ?").param(person.id())
                .query(String.class).optional().map(CardNumber::new).orElseThrow();

        chromium.open(port, "/citizen/login?lang=" + lang);
        chromium.type("mobile", person.mobile());
        chromium.clickAndWaitForNewPage(submit());
        chromium.type("code", otpSentTo(person.mobile()));
        chromium.clickAndWaitForNewPage(submit());
        wait.until(ExpectedConditions.urlMatches("/citizen$"));

        // the family page (booking's) loads the card beside the member through htmx
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#member-" + person.id() + " .lucky-card"), card.grouped()));
        chromium.screenshot("family", lang);

        chromium.clickAndWaitForNewPage(browser.findElement(By.linkText(msg(lang, "nav.lucky-draw-cards"))));
        assertThat(chromium.heading()).isEqualTo(msg(lang, "luckydraw.citizen.title"));
        assertThat(browser.findElement(By.id("card-" + person.id())).getText()).contains(person.name(), card.grouped());
        chromium.screenshot("citizen", lang);
    }

    private void setDate(String id, LocalDate date) {
        // a date input takes the value through script: typing follows the browser's locale format
        browser.executeScript("document.getElementById(arguments[0]).value = arguments[1]", id, date.toString());
    }

    private String otpSentTo(String mobile) {
        String text = jdbc.sql("select text from outbox_messages where mobile = ? and template = 'sms.otp' order by created_at desc limit 1")
                .param(mobile).query(String.class).single();
        return text.substring(0, 6);
    }

    private WebElement submit() {
        return browser.findElement(By.cssSelector("main form button[type=submit]"));
    }
}
