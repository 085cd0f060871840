package org.teeka.certificate;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.teeka.IntegrationTest;
import org.teeka.account.BearerTokens;
import org.teeka.account.CitizenPrincipal;
import org.teeka.account.StaffAccounts;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.vaccination.DoseRecords;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The certificate's PDF for its owner (pages and CoWIN), the public verification page, the public key, revocation by staff. */
@IntegrationTest
class CertificateWebIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Certificates certificates;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    DoseRecords doseRecords;

    @Autowired
    BearerTokens tokens;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    CertificateFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new CertificateFixtures(beneficiaries, doseRecords, certificates, jdbc);
    }

    @Test
    void theOwnerDownloadsTheCertificatePdfInEnglishAndHindi() throws Exception {
        String mobile = CertificateFixtures.newMobile();
        Certificate certificate = fixtures.provisional(mobile, "Radha Kumari");

        for (String language : new String[] {"en", "hi"}) {
            byte[] pdf = mvc.perform(get("/citizen/members/{id}/certificate.pdf", certificate.beneficiaryId())
                            .with(authentication(citizen(mobile))).header(HttpHeaders.ACCEPT_LANGUAGE, language))
                    .andExpect(status().isOk())
                    .andExpect(content().contentType(MediaType.APPLICATION_PDF))
                    .andReturn().getResponse().getContentAsByteArray();
            try (var document = Loader.loadPDF(pdf)) {
                String text = new PDFTextStripper().getText(document);
                assertThat(text).contains("Radha Kumari", certificate.id(), "/verify");
                if (language.equals("hi")) {
                    assertThat(text).contains("टीकाकरण का अनंतिम प्रमाणपत्र", "प्रमाणपत्र आईडी", "कोविशील्ड", "प्रयागराज");
                } else {
                    assertThat(text).contains("Provisional certificate of vaccination", "Certificate ID", "Covishield", "Prayagraj");
                }
                var page = new PDFRenderer(document).renderImageWithDPI(0, 110);
                Path png = Path.of("target/screenshots/certificate-pdf." + language + ".png");
                Files.createDirectories(png.getParent());
                ImageIO.write(page, "png", png.toFile());
                // the QR printed on the page reads back as the certificate's own payload
                assertThat(QrCodes.decode(new PDFRenderer(document).renderImageWithDPI(0, 200))).contains(certificate.qrPayload());
            }
        }
    }

    @Test
    void anotherCitizenGetsNotFoundAndSomeoneUnvaccinatedIsToldWhy() throws Exception {
        String mobile = CertificateFixtures.newMobile();
        Certificate certificate = fixtures.provisional(mobile, "Private Person");
        Beneficiary unvaccinated = fixtures.registered(mobile, "Not Yet", CertificateFixtures.PRAYAGRAJ);

        mvc.perform(get("/citizen/members/{id}/certificate.pdf", certificate.beneficiaryId())
                        .with(authentication(citizen(CertificateFixtures.newMobile()))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/citizen/members/{id}/certificate.pdf", unvaccinated.id()).with(authentication(citizen(mobile))))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("No certificate has been issued for this person yet")));
        mvc.perform(get("/citizen/members/{id}/certificate.pdf", certificate.beneficiaryId()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/citizen").with(authentication(citizen(mobile))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/citizen/members/" + certificate.beneficiaryId() + "/certificate.pdf")))
                .andExpect(content().string(not(containsString("/citizen/members/" + unvaccinated.id() + "/certificate.pdf"))));
    }

    @Test
    void theCowinDownloadGivesTheOwnerThePdfAndNoOneElse() throws Exception {
        String mobile = CertificateFixtures.newMobile();
        Certificate certificate = fixtures.provisional(mobile, "Cowin Client");
        String reference = beneficiaries.find(certificate.beneficiaryId()).orElseThrow().referenceId();
        String path = "/api/v2/registration/certificate/public/download?beneficiary_reference_id=" + reference;

        byte[] pdf = mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.issue(mobile)))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andReturn().getResponse().getContentAsByteArray();
        try (var document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("Cowin Client", certificate.id());
        }
        mvc.perform(get(path)).andExpect(status().isUnauthorized());
        mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.issue(CertificateFixtures.newMobile())))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("beneficiary.error.not-found")));
    }

    @Test
    void anUploadedQrImageVerifiesAsValidAndATamperedOneAsInvalid() throws Exception {
        Certificate certificate = fixtures.provisional(CertificateFixtures.newMobile(), "Uploaded Holder");
        String payload = certificate.qrPayload();
        String json = QrPayload.decode(payload);
        String tampered = QrPayload.encode(json.replace("Uploaded Holder", "Uploaded Holdur"));

        mvc.perform(multipart("/verify").file(png("image", payload)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Valid")))
                .andExpect(content().string(containsString("Uploaded Holder")))
                .andExpect(content().string(containsString(certificate.id())));
        mvc.perform(multipart("/verify").file(png("image", tampered)).with(csrf()).header(HttpHeaders.ACCEPT_LANGUAGE, "hi"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("अमान्य: बदला गया")))
                .andExpect(content().string(not(containsString("Uploaded Hold"))));
        mvc.perform(multipart("/verify").file(new MockMultipartFile("image", "x.png", "image/png", "not a png".getBytes())).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("This file is not an image that can be read")));
        mvc.perform(multipart("/verify").file(png("image", "https://example.com/not-a-certificate")).with(csrf()))
                .andExpect(content().string(containsString("Invalid: not a certificate")));
        var blank = new ByteArrayOutputStream();
        ImageIO.write(new java.awt.image.BufferedImage(300, 300, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", blank);
        mvc.perform(multipart("/verify").file(new MockMultipartFile("image", "blank.png", "image/png", blank.toByteArray())).with(csrf()))
                .andExpect(content().string(containsString("No QR code was found in the image")));
        mvc.perform(multipart("/verify").with(csrf()))
                .andExpect(content().string(containsString("Choose a photo or scan of the QR code")));
    }

    @Test
    void theVerificationPageAnswersByIdWithoutSignIn() throws Exception {
        Certificate certificate = fixtures.provisional(CertificateFixtures.newMobile(), "By Id Holder");

        mvc.perform(get("/verify").param("id", certificate.id().toLowerCase().replace("-", " ")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("By Id Holder")))
                .andExpect(content().string(containsString("Valid")));
        mvc.perform(get("/verify").param("id", "TK-0000-0000-0000-0000"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("No certificate has this ID")));
        mvc.perform(get("/verify").param("id", "  "))
                .andExpect(content().string(containsString("Enter the certificate ID")));
    }

    @Test
    void theVerificationPageHasAQuotaPerClientAddress() throws Exception {
        String address = "10.77.0." + (int) (Math.random() * 250);
        int answered = 0;
        String retryAfter = null;
        for (int i = 0; i < 120 && retryAfter == null; i++) {
            var response = mvc.perform(get("/verify").param("id", "TK-0000-0000-0000-0000").with(r -> {
                r.setRemoteAddr(address);
                return r;
            })).andReturn().getResponse();
            if (response.getStatus() == 429) {
                retryAfter = response.getHeader(HttpHeaders.RETRY_AFTER);
            } else {
                answered++;
            }
        }
        // 60 a minute, refilled at one a second while the loop runs
        assertThat(answered).isBetween(60, 75);
        assertThat(retryAfter).isNotNull();
    }

    @Test
    void thePublishedPublicKeyVerifiesTheProofOffline() throws Exception {
        Certificate certificate = fixtures.provisional(CertificateFixtures.newMobile(), "Offline Check");
        String pem = mvc.perform(get("/certificates/public-key")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String jwk = mvc.perform(get("/certificates/public-key.jwk")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        var key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(
                pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", ""))));

        // what docs/certificates.md tells a third party to do, done here with the JDK, JCS and nothing of Teeka's signing code
        var mapper = tools.jackson.databind.json.JsonMapper.shared();
        var credential = (tools.jackson.databind.node.ObjectNode) mapper.readTree(QrPayload.decode(certificate.qrPayload()));
        var proof = (tools.jackson.databind.node.ObjectNode) credential.remove("proof");
        byte[] signature = Base58.decode(proof.remove("proofValue").stringValue().substring(1));
        proof.set("@context", credential.get("@context"));
        var sha = java.security.MessageDigest.getInstance("SHA-256");
        byte[] proofHash = sha.digest(new org.erdtman.jcs.JsonCanonicalizer(mapper.writeValueAsString(proof)).getEncodedUTF8());
        byte[] documentHash = sha.digest(new org.erdtman.jcs.JsonCanonicalizer(mapper.writeValueAsString(credential)).getEncodedUTF8());
        var verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(proofHash);
        verifier.update(documentHash);

        assertThat(verifier.verify(signature)).isTrue();
        assertThat(jwk).contains("\"kty\":\"OKP\"", "\"crv\":\"Ed25519\"", "\"kid\":\"" + proof.get("verificationMethod").stringValue()
                .substring("urn:teeka:key:".length()) + "\"");
    }

    @Test
    void aStateAdminRevokesWithAReasonOnTheStaffPage() throws Exception {
        Certificate certificate = fixtures.provisional(CertificateFixtures.newMobile(), "Staff Page Holder");
        var state = accounts.find("state.up").orElseThrow();

        mvc.perform(get("/staff/certificates").param("id", certificate.id()).with(user(state)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Staff Page Holder")));
        mvc.perform(post("/staff/certificates/{id}/revoke", certificate.id()).param("reason", " ").with(csrf()).with(user(state)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("This field is required")));
        assertThat(certificates.verifyId(certificate.id()).outcome()).isEqualTo(Verification.Outcome.VALID);
        mvc.perform(post("/staff/certificates/{id}/revoke", certificate.id()).param("reason", "Duplicate record").with(csrf()).with(user(state)))
                .andExpect(status().is3xxRedirection());
        assertThat(certificates.verifyId(certificate.id()).outcome()).isEqualTo(Verification.Outcome.REVOKED);
        mvc.perform(get("/verify").param("id", certificate.id()))
                .andExpect(content().string(containsString("Revoked")))
                .andExpect(content().string(containsString("Staff Page Holder")));
        var chhattisgarh = accounts.find("state.cg").orElseThrow();
        mvc.perform(get("/staff/certificates").param("id", certificate.id()).with(user(chhattisgarh)))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Staff Page Holder"))));
    }

    static MockMultipartFile png(String field, String text) throws Exception {
        var png = new ByteArrayOutputStream();
        ImageIO.write(QrCodes.scaled(QrCodes.image(text), 4), "png", png);
        return new MockMultipartFile(field, "qr.png", "image/png", png.toByteArray());
    }

    private static UsernamePasswordAuthenticationToken citizen(String mobile) {
        return UsernamePasswordAuthenticationToken.authenticated(new CitizenPrincipal(mobile), null,
                AuthorityUtils.createAuthorityList("ROLE_CITIZEN"));
    }

}
