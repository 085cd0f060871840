package org.teeka.certificate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.HeadlessChromium;
import org.teeka.IntegrationTest;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.vaccination.DoseRecords;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.teeka.Bundles.msg;

/**
 * The public verification page in a real headless Chromium, in English and Hindi: a photo of a
 * certificate's QR code uploaded answers valid with the holder's name; a tampered one, invalid.
 * Screenshots: {@code target/screenshots/verify-*.png}.
 */
@IntegrationTest
class VerifyPageTests {

    @RegisterExtension
    static final HeadlessChromium chromium = new HeadlessChromium("verify-");
    static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    Certificates certificates;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    DoseRecords doseRecords;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void useTheBrowser() {
        browser = chromium.driver();
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "hi"})
    void anUploadedQrImageIsAnsweredValidAndATamperedOneInvalid(String lang) throws Exception {
        var fixtures = new CertificateFixtures(beneficiaries, doseRecords, certificates, jdbc);
        String name = lang.equals("hi") ? "सुनीता देवी" : "Sunita Devi";
        Certificate certificate = fixtures.provisional(CertificateFixtures.newMobile(), name);

        chromium.open(port, "/verify?lang=" + lang);
        assertThat(chromium.heading()).isEqualTo(msg(lang, "verify.title"));
        chromium.screenshot("form", lang);

        upload(qrImage(certificate.qrPayload()));
        assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo(msg(lang, "verify.outcome.valid"));
        assertThat(browser.findElement(By.cssSelector(".holder-name")).getText()).isEqualTo(name);
        assertThat(browser.findElement(By.id("verification")).getText()).contains(certificate.id(), msg(lang, "certificate.kind.provisional"),
                lang.equals("hi") ? "कोविशील्ड" : "Covishield", lang.equals("hi") ? "प्रयागराज" : "Prayagraj");
        chromium.screenshot("valid", lang);

        String tampered = QrPayload.encode(QrPayload.decode(certificate.qrPayload()).replace("\"birthYear\":1984", "\"birthYear\":1994"));
        upload(qrImage(tampered));
        assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo(msg(lang, "verify.outcome.tampered"));
        assertThat(browser.findElements(By.cssSelector(".holder-name"))).isEmpty();
        chromium.screenshot("tampered", lang);
    }

    private void upload(Path image) {
        browser.findElement(By.id("image")).sendKeys(image.toAbsolutePath().toString());
        chromium.clickAndWaitForNewPage(browser.findElement(By.cssSelector("#upload-form button[type=submit]")));
    }

    private static Path qrImage(String payload) throws Exception {
        Path file = Files.createTempFile("teeka-qr-", ".png");
        file.toFile().deleteOnExit();
        ImageIO.write(QrCodes.scaled(QrCodes.image(payload), 3), "png", file.toFile());
        return file;
    }
}
