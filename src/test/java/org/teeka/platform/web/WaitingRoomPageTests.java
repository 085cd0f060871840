package org.teeka.platform.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.teeka.HeadlessChromium;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waiting room in a real browser without help from scripts: the page shows the place in line
 * in Hindi and English and, once a place is free, its own refresh lets the person in.
 * Screenshots: target/screenshots/admission-waiting-room.*.png.
 */
@LoweredLimits
class WaitingRoomPageTests {

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium("admission-");

    @LocalServerPort
    int port;

    @Autowired
    AdmissionIntegrationTests.Holding holding;

    @AfterEach
    void letGo() {
        holding.release.countDown();
    }

    @Test
    void showsThePlaceInLineAndLetsThePersonInByItselfWhenAPlaceFrees() throws Exception {
        holding.reset();
        var holder = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/test/hold"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(holding.entered.tryAcquire(1, 10, TimeUnit.SECONDS)).isTrue();

        chromium.open(port, "/test/page?lang=hi");
        assertThat(chromium.heading()).isEqualTo("आप कतार में हैं");
        assertThat(chromium.driver().findElement(By.className("position")).getText()).isEqualTo("कतार में आपका स्थान: 1");
        chromium.screenshot("waiting-room", "hi");
        chromium.open(port, "/test/page?lang=en");
        assertThat(chromium.heading()).isEqualTo("You are in the queue");
        assertThat(chromium.driver().findElement(By.className("position")).getText()).isEqualTo("Your position in the queue: 1");
        chromium.screenshot("waiting-room", "en");

        holding.release.countDown();
        assertThat(holder.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        // no click, no script: the page's own refresh (every second at the front of the queue) brings the person in
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(20))
                // the page may reload between finding the body and reading it
                .ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElement(By.tagName("body")).getText().equals("in"));
    }
}
