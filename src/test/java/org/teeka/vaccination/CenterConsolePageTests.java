package org.teeka.vaccination;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.teeka.HeadlessChromium;
import org.teeka.IntegrationTest;
import org.teeka.account.StaffAccounts;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.booking.Appointment;
import org.teeka.booking.CenterAppointments;
import org.teeka.center.Centers;
import org.teeka.session.Sessions;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The center console in a real headless Chromium, in English and Hindi, at tablet and phone width:
 * a vaccinator finds a booked person by reference id, checks them in, records the dose, and
 * today's summary counts them. Screenshots go to target/screenshots/console-*.png.
 */
@IntegrationTest
class CenterConsolePageTests {

    static final Map<String, Properties> BUNDLES = Map.of("en", bundle("messages.properties"), "hi", bundle("messages_hi.properties"));

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium("console-");
    static ChromeDriver browser;

    @LocalServerPort int port;
    @Autowired Beneficiaries beneficiaries;
    @Autowired Centers centers;
    @Autowired Sessions sessions;
    @Autowired StaffAccounts accounts;
    @Autowired Lots lots;
    @Autowired CenterAppointments appointments;

    @BeforeAll
    static void useTheBrowser() {
        browser = chromium.driver();
    }

    @AfterEach
    void tabletWidthAgain() {
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void aVaccinatorFindsChecksInAndVaccinatesAndTheSummaryCountsIt(String lang) {
        var at = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 100, 100);
        Beneficiary person = at.personBornIn(1984);
        Appointment appointment = appointments.bookWalkIn(person, at.session.id(), 1);
        signIn(at.vaccinator.getUsername(), lang);

        chromium.open(port, "/staff/center");
        assertThat(chromium.heading()).isEqualTo(msg(lang, "console.heading", at.center.name()));
        assertThat(total("expected")).isEqualTo("1");
        assertThat(total("vaccinated")).isEqualTo("0");
        assertThat(total("dose1-left")).isEqualTo("100");
        chromium.screenshot("home", lang);

        chromium.type("referenceId", person.referenceId());
        chromium.clickAndWaitForNewPage(browser.findElement(By.id("find-by-reference")));
        assertThat(chromium.heading()).isEqualTo(person.name());
        assertThat(browser.findElement(By.cssSelector(".appointment p")).getText())
                .isEqualTo(msg(lang, "console.person.appointment-line", 1, appointment.shortCode(), msg(lang, "booking.status.booked")));

        chromium.clickAndWaitForNewPage(browser.findElement(By.id("check-in")));
        assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo(msg(lang, "console.checked-in"));
        assertThat(browser.findElement(By.cssSelector(".appointment p")).getText())
                .isEqualTo(msg(lang, "console.person.appointment-line", 1, appointment.shortCode(), msg(lang, "booking.status.checked-in")));

        chromium.type("lotNumber", "NO-SUCH-LOT");
        chromium.clickAndWaitForNewPage(browser.findElement(By.id("record-dose")));
        assertThat(browser.findElement(By.id("refusal")).getText()).isEqualTo(msg(lang, "vaccination.error.lot-unknown", "NO-SUCH-LOT"));
        chromium.screenshot("refused-lot", lang);

        chromium.type("lotNumber", at.lot);
        chromium.clickAndWaitForNewPage(browser.findElement(By.id("record-dose")));
        assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo(msg(lang, "console.dose-recorded", 1, at.lot));
        assertThat(browser.findElements(By.id("check-in"))).isEmpty();
        chromium.screenshot("recorded", lang);

        browser.manage().window().setSize(new Dimension(390, 844));
        chromium.screenshot("person-phone", lang);
        chromium.open(port, "/staff/center");
        assertThat(total("vaccinated")).isEqualTo("1");
        assertThat(total("checked-in")).isEqualTo("0");
        assertThat(total("dose1-left")).isEqualTo("99");
        chromium.screenshot("home-phone", lang);
    }

    private String total(String name) {
        return browser.findElement(By.cssSelector(".session-summary dd." + name)).getText();
    }

    private void signIn(String username, String lang) {
        chromium.open(port, "/staff/login?lang=" + lang);
        chromium.type("username", username);
        chromium.type("password", "long-enough-password");
        chromium.clickAndWaitForNewPage(browser.findElement(By.cssSelector("button[type=submit]")));
        chromium.waiting().until(ExpectedConditions.urlContains("/staff/sessions"));
    }

    static String msg(String lang, String key, Object... arguments) {
        String pattern = BUNDLES.get(lang).getProperty(key);
        assertThat(pattern).as("message %s in %s", key, lang).isNotNull();
        return new MessageFormat(pattern, Locale.forLanguageTag(lang)).format(arguments);
    }

    private static Properties bundle(String resource) {
        var properties = new Properties();
        try (var in = CenterConsolePageTests.class.getClassLoader().getResourceAsStream(resource)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return properties;
    }
}
