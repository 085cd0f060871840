package org.teeka.vaccination;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.HeadlessChromium;
import org.teeka.IntegrationTest;
import org.teeka.account.StaffAccounts;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.booking.Appointment;
import org.teeka.booking.Bookings;
import org.teeka.center.Centers;
import org.teeka.session.Sessions;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline console in a real headless Chromium, with the network cut through the DevTools
 * protocol ({@code Network.emulateNetworkConditions}) in the middle of a session: doses recorded
 * without a connection reach the server exactly once when it returns, a replay of the whole upload
 * writes nothing, and two devices recording one person differently leave one record and one
 * conflict on the manager's list. Screenshots under target/screenshots/offline-*.
 */
@IntegrationTest
class OfflineCenterPageTests {

    static final String PASSWORD = "long-enough-password";
    static final Duration SYNC_WAIT = Duration.ofSeconds(45);

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium("offline-");
    static ChromeDriver browser;

    @LocalServerPort int port;
    @Autowired Beneficiaries beneficiaries;
    @Autowired Centers centers;
    @Autowired Sessions sessions;
    @Autowired StaffAccounts accounts;
    @Autowired Lots lots;
    @Autowired Bookings bookings;
    @Autowired CenterSync sync;
    @Autowired JdbcClient jdbc;

    @BeforeAll
    static void useTheBrowser() {
        browser = chromium.driver();
    }

    @Test
    void twentyDosesRecordedWithoutANetworkReachTheServerOnceAndAReplayWritesNothing() {
        var at = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 1000, 100);
        List<Booked> people = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            people.add(book(at));
        }
        signIn(at.vaccinator.getUsername(), "en");
        openConsole("en");
        assertThat(text("list-status")).contains(" 20 ");

        offline(true);
        // the app shell comes from the service worker's cache and the list from IndexedDB
        browser.navigate().refresh();
        awaitReady();
        assertThat(text("net-status")).isEqualTo(msg("en", "offline.net.offline"));
        assertThat(text("list-status")).contains(" 20 ");

        for (int i = 0; i < people.size(); i++) {
            Booked person = people.get(i);
            if (i % 2 == 0) {
                findByReference(person.beneficiary().referenceId());
            } else {
                findByCode(person.appointment().shortCode(), person.appointment().securityCode());
            }
            record(at.lot, i + 1);
        }
        assertThat(browser.findElement(By.id("queue-status")).getDomAttribute("data-waiting")).isEqualTo("20");
        assertThat(dosesOf(people)).isZero();
        chromium.screenshot("recorded-offline", "en");

        offline(false);
        awaitOutcomes(20, "ACCEPTED");
        chromium.screenshot("synced", "en");
        assertThat(dosesOf(people)).isEqualTo(20);
        assertThat(jdbc.sql("select count(distinct beneficiary_id) from dose_records where beneficiary_id = any(?) and device_id is not null")
                .param(ids(people)).query(Integer.class).single()).isEqualTo(20);

        @SuppressWarnings("unchecked")
        List<String> replayed = (List<String>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                teekaOffline.items().then(items => teekaOffline.upload(items)).then(results => done(results.map(r => r.outcome)),
                    e => done(['failed: ' + e.message]));""");
        assertThat(replayed).hasSize(20).containsOnly("DUPLICATE");
        assertThat(dosesOf(people)).isEqualTo(20);
    }

    @Test
    void twoDevicesRecordingOnePersonDifferentlyLeaveOneRecordAndAConflictForTheManager() {
        var at = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 1000, 100);
        Booked person = book(at);
        signIn(at.vaccinator.getUsername(), "hi");
        openConsole("hi");

        offline(true);
        findByReference(person.beneficiary().referenceId());
        record(at.lot, 1);

        // meanwhile a second tablet, still connected, records the same person from another vial
        var other = new DoseEntry(UUID.randomUUID(), person.beneficiary().id(), 1, "COVISHIELD", at.otherLot, at.session.id(),
                Instant.now(), null);
        assertThat(sync.sync("tablet-B", List.of(other), at.secondVaccinator, Locale.ENGLISH))
                .extracting(CenterSync.ItemResult::outcome).containsExactly("ACCEPTED");

        offline(false);
        awaitOutcomes(1, "CONFLICT");
        assertThat(browser.findElement(By.cssSelector("#recorded td.outcome")).getText())
                .contains(msg("hi", "offline.outcome.CONFLICT")).contains(msg("hi", "vaccination.conflict.lot"));
        chromium.screenshot("conflict-on-device", "hi");
        assertThat(jdbc.sql("select count(*) from dose_records where beneficiary_id = ?").param(person.beneficiary().id())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select lot_number from dose_records where beneficiary_id = ?").param(person.beneficiary().id())
                .query(String.class).single()).isEqualTo(at.otherLot);

        browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        signIn(at.manager.getUsername(), "hi");
        chromium.open(port, "/staff/center/" + at.center.id() + "/conflicts?lang=hi");
        WebElement row = browser.findElement(By.cssSelector("#conflicts tr[data-beneficiary='" + person.beneficiary().id() + "']"));
        assertThat(row.getText()).contains(person.beneficiary().referenceId()).contains(at.lot).contains(at.otherLot)
                .contains(msg("hi", "vaccination.conflict.lot"));
        chromium.screenshot("conflicts", "hi");
        chromium.open(port, "/staff/center/" + at.center.id() + "/conflicts?lang=en");
        chromium.screenshot("conflicts", "en");
    }

    @Test
    void aWalkInRecordedWithoutANetworkIsRegisteredBookedAndVaccinatedWhenItReturns() {
        var at = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 10, 10, true);
        String name = "Offline Walk In " + UUID.randomUUID().toString().substring(0, 8);
        signIn(at.vaccinator.getUsername(), "hi");
        openConsole("hi");
        offline(true);
        browser.findElement(By.cssSelector("#walk-in summary")).click();
        chromium.type("wi-name", name);
        chromium.type("wi-birth-year", "1991");
        browser.findElement(By.cssSelector("input[name='wi-gender'][value='FEMALE']")).click();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("wi-id-type"))).selectByValue("VOTER_ID");
        chromium.type("wi-id-number", "TKP" + String.format("%07d", Math.floorMod(System.nanoTime(), 10_000_000L)));
        chromium.type("wi-lot", at.lot);
        browser.findElement(By.id("walk-in-record")).click();
        chromium.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#recorded tbody tr"), 1));
        chromium.screenshot("walk-in-offline", "hi");
        assertThat(jdbc.sql("select count(*) from beneficiaries where name = ?").param(name).query(Integer.class).single()).isZero();

        offline(false);
        awaitOutcomes(1, "ACCEPTED");
        chromium.screenshot("walk-in-synced", "hi");
        assertThat(jdbc.sql("select count(*) from dose_records d join beneficiaries b on b.id = d.beneficiary_id where b.name = ?")
                .param(name).query(Integer.class).single()).isEqualTo(1);
    }

    // --- steps

    record Booked(Beneficiary beneficiary, Appointment appointment) {
    }

    private Booked book(ConsoleFixtures at) {
        Beneficiary person = at.personBornIn(1985);
        int lastSlot = at.session.slots().getLast().number();
        Appointment appointment = bookings.book(person.mobile(), person.id(), at.session.id(), lastSlot, 1, null,
                Appointment.Source.CITIZEN, Locale.ENGLISH);
        return new Booked(person, appointment);
    }

    private void signIn(String username, String lang) {
        chromium.open(port, "/staff/login?lang=" + lang);
        chromium.type("username", username);
        chromium.type("password", PASSWORD);
        chromium.clickAndWaitForNewPage(browser.findElement(By.cssSelector("form button[type=submit]")));
    }

    private void openConsole(String lang) {
        // a fresh device: nothing kept from an earlier test
        browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const r = indexedDB.deleteDatabase('teeka-offline'); r.onsuccess = () => done(true); r.onerror = () => done(false); r.onblocked = () => done(false);""");
        chromium.open(port, "/staff/center/offline?lang=" + lang);
        awaitReady();
        new WebDriverWait(browser, HeadlessChromium.TIMEOUT).until(d -> Boolean.TRUE.equals(
                browser.executeScript("return navigator.serviceWorker.controller !== null")));
        assertThat(chromium.heading()).isEqualTo(msg(lang, "offline.title"));
    }

    private void awaitReady() {
        new WebDriverWait(browser, HeadlessChromium.TIMEOUT).until(ExpectedConditions.attributeToBe(By.id("offline-console"), "data-ready", "true"));
    }

    private void offline(boolean offline) {
        browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    private void findByReference(String referenceId) {
        chromium.type("find-ref", referenceId);
        browser.findElement(By.id("find-ref-button")).click();
        chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("found")));
    }

    private void findByCode(String code, String securityCode) {
        chromium.type("find-code", code);
        chromium.type("find-security", securityCode);
        browser.findElement(By.id("find-code-button")).click();
        chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("found")));
    }

    private void record(String lot, int rowsAfter) {
        chromium.type("lot", lot);
        browser.findElement(By.id("record")).click();
        chromium.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#recorded tbody tr"), rowsAfter));
        chromium.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("found")));
    }

    private void awaitOutcomes(int count, String outcome) {
        new WebDriverWait(browser, SYNC_WAIT).until(d -> browser.findElements(
                By.cssSelector("#recorded td.outcome[data-outcome='" + outcome + "']")).size() == count);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private int dosesOf(List<Booked> people) {
        return jdbc.sql("select count(*) from dose_records where beneficiary_id = any(?)").param(ids(people)).query(Integer.class).single();
    }

    private static UUID[] ids(List<Booked> people) {
        return people.stream().map(p -> p.beneficiary().id()).toArray(UUID[]::new);
    }

    private static String msg(String lang, String key) {
        String name = lang.equals("hi") ? "messages_hi.properties" : "messages.properties";
        var properties = new Properties();
        try (var in = new InputStreamReader(OfflineCenterPageTests.class.getClassLoader().getResourceAsStream(name), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty(key).replace("''", "'");
    }
}
