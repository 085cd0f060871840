package org.teeka.certificate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teeka.platform.TeekaSettings;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signing, checking and carrying credentials, without Spring or a database. */
class CredentialsTests {

    private final SigningKey key = new SigningKey(SigningKey.generate());
    private final Credentials credentials = new Credentials(key);

    static CertificateContent content() {
        return new CertificateContent("TK-7KQ2-M9XA-4HDP-3RCZ", CertificateContent.Kind.FINAL, "Teeka (test)",
                Instant.parse("2026-11-22T10:15:30Z"), "सुनीता देवी", 1984, "FEMALE", "VOTER_ID", "XXXXXXXX4567", "12345678901234", null,
                List.of(new CertificateContent.Dose(1, 2, "COVISHIELD", "Covishield", LocalDate.of(2026, 10, 1), 7,
                                "Swaroop Rani Nehru Hospital", "Prayagraj", "Uttar Pradesh"),
                        new CertificateContent.Dose(2, 2, "COVISHIELD", "Covishield", LocalDate.of(2026, 11, 22), null, "", "Prayagraj",
                                "Uttar Pradesh")));
    }

    @Test
    void aSignedCredentialChecksAndSaysWhatWasSigned() {
        String json = credentials.issue(content(), "urn:teeka:issuer:test");

        var checked = credentials.check(json);

        assertThat(checked.check()).isEqualTo(Credentials.Check.VALID);
        assertThat(checked.content()).isEqualTo(content());
        assertThat(json).contains("\"@context\"", "\"issuanceDate\":\"2026-11-22T10:15:30Z\"", "\"cryptosuite\":\"eddsa-jcs-2022\"",
                "\"verificationMethod\":\"urn:teeka:key:" + key.keyId() + "\"");
    }

    @Test
    void theCheckDoesNotDependOnKeyOrderOrWhitespace() {
        String json = credentials.issue(content(), "urn:teeka:issuer:test");
        // the same credential written differently: JCS makes the signed bytes the same
        String reordered = json.replace("{\"type\":\"Person\",", "{ \"type\" : \"Person\" ,\n");

        assertThat(credentials.check(reordered).check()).isEqualTo(Credentials.Check.VALID);
    }

    @Test
    void oneChangedCharacterInTheCredentialIsTampering() {
        String json = credentials.issue(content(), "urn:teeka:issuer:test");

        assertThat(credentials.check(json.replace("\"birthYear\":1984", "\"birthYear\":1994")).check()).isEqualTo(Credentials.Check.TAMPERED);
        assertThat(credentials.check(json.replace("सुनीता", "सुमीता")).check()).isEqualTo(Credentials.Check.TAMPERED);
        assertThat(credentials.check(json.replace("\"dose\":2", "\"dose\":3")).check()).isEqualTo(Credentials.Check.TAMPERED);
    }

    @Test
    void oneChangedCharacterInTheQrPayloadIsNeverValid() {
        String payload = QrPayload.encode(credentials.issue(content(), "urn:teeka:issuer:test"));
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        for (int position = QrPayload.PREFIX.length(); position < payload.length(); position += 7) {
            char original = payload.charAt(position);
            char other = alphabet.charAt((alphabet.indexOf(original) + 1) % alphabet.length());
            String changed = payload.substring(0, position) + other + payload.substring(position + 1);
            String json;
            try {
                json = QrPayload.decode(changed);
            } catch (IllegalArgumentException e) {
                continue; // not even a compressed credential any more: malformed
            }
            assertThat(credentials.check(json).check()).as("payload changed at %d", position).isNotEqualTo(Credentials.Check.VALID);
        }
    }

    @Test
    void aCredentialSignedWithAnotherKeyIsOfAnUnknownKey() {
        var other = new Credentials(new SigningKey(SigningKey.generate()));
        String json = other.issue(content(), "urn:teeka:issuer:test");

        assertThat(credentials.check(json).check()).isEqualTo(Credentials.Check.UNKNOWN_KEY);
    }

    @Test
    void aForgedProofForThisKeyIsTampering() {
        var other = new SigningKey(SigningKey.generate());
        String forged = new Credentials(other).issue(content(), "urn:teeka:issuer:test")
                .replace(other.verificationMethod(), key.verificationMethod());

        assertThat(credentials.check(forged).check()).isEqualTo(Credentials.Check.TAMPERED);
    }

    @Test
    void somethingElseIsMalformed() {
        assertThat(credentials.check("not json").check()).isEqualTo(Credentials.Check.MALFORMED);
        assertThat(credentials.check("[1,2]").check()).isEqualTo(Credentials.Check.MALFORMED);
        assertThat(credentials.check("{\"proof\":{\"type\":\"DataIntegrityProof\",\"cryptosuite\":\"eddsa-jcs-2022\",\"verificationMethod\":\""
                + key.verificationMethod() + "\",\"proofValue\":\"zzz\"}}").check()).isEqualTo(Credentials.Check.MALFORMED);
        assertThatThrownBy(() -> QrPayload.decode("HC1:6BFOXN")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theQrPayloadCarriesTheCredentialExactly() {
        String json = credentials.issue(content(), "urn:teeka:issuer:test");
        String payload = QrPayload.encode(json);

        assertThat(QrPayload.decode(payload)).isEqualTo(json);
        assertThat(payload).startsWith("TK1:").matches("[0-9A-Z $%*+\\-./:]+");
    }

    @Test
    void aTwoDoseCertificateFitsAQrCodeThatPrintsAndScansWell() throws Exception {
        String json = credentials.issue(content(), "urn:teeka:issuer:test");
        String payload = QrPayload.encode(json);

        var code = com.google.zxing.qrcode.encoder.Encoder.encode(payload,
                com.google.zxing.qrcode.decoder.ErrorCorrectionLevel.M);
        System.out.printf("credential %d bytes of JSON, QR payload %d characters, QR version %d (%s mode)%n",
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, payload.length(), code.getVersion().getVersionNumber(),
                code.getMode());
        assertThat(code.getMode()).isEqualTo(com.google.zxing.qrcode.decoder.Mode.ALPHANUMERIC);
        // at 70 mm, version 30 (137 modules and the quiet zone) still gives about half a millimetre per module
        assertThat(code.getVersion().getVersionNumber()).isLessThanOrEqualTo(30);
    }

    @Test
    void aQrCodeImageIsReadBack() throws Exception {
        String payload = QrPayload.encode(credentials.issue(content(), "urn:teeka:issuer:test"));
        var png = new ByteArrayOutputStream();
        ImageIO.write(QrCodes.scaled(QrCodes.image(payload), 4), "png", png);

        var read = QrCodes.read(new ByteArrayInputStream(png.toByteArray()));

        assertThat(read.problem()).isNull();
        assertThat(read.text()).isEqualTo(payload);
        assertThat(QrCodes.read(new ByteArrayInputStream("not an image".getBytes())).problem()).isEqualTo(QrCodes.Unreadable.NOT_AN_IMAGE);
    }

    @Test
    void theDerivedPublicKeyVerifiesWhatThePrivateKeySigned() throws Exception {
        var privateKey = SigningKey.generate();
        var signer = Signature.getInstance("Ed25519");
        signer.initSign(privateKey);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();

        var verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(SigningKey.publicKeyOf(privateKey));
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
        // and the PEM read back is the same key
        assertThat(new SigningKey(SigningKey.parse(SigningKey.pem(privateKey), "test")).keyId()).isEqualTo(new SigningKey(privateKey).keyId());
    }

    @Test
    void theDevelopmentKeyIsMadeOnceOwnerOnlyAndKeptAcrossRestarts(@TempDir Path dataDir) throws Exception {
        var settings = new CertificateSettings(null, null, null, null, null);
        var embedded = new TeekaSettings(dataDir, null, null);

        String first = new SigningKey(settings, embedded).keyId();
        String second = new SigningKey(settings, embedded).keyId();

        assertThat(second).isEqualTo(first);
        Path file = dataDir.resolve(SigningKey.DEVELOPMENT_KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void aDeploymentWithoutAKeyDoesNotStart(@TempDir Path dataDir) {
        var external = new TeekaSettings(dataDir, new TeekaSettings.Db("jdbc:postgresql://db/teeka", "teeka", "x", 10, null, null, null), null);

        assertThatThrownBy(() -> new SigningKey(new CertificateSettings(null, null, null, null, null), external))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TEEKA_CERTIFICATE_SIGNING_KEY");
        assertThat(dataDir.resolve(SigningKey.DEVELOPMENT_KEY_FILE)).doesNotExist();
    }

    @Test
    void aConfiguredKeyIsUsedAndABrokenOneIsNamed(@TempDir Path dataDir) {
        var privateKey = SigningKey.generate();
        var external = new TeekaSettings(dataDir, new TeekaSettings.Db("jdbc:postgresql://db/teeka", "teeka", "x", 10, null, null, null), null);

        assertThat(new SigningKey(new CertificateSettings(SigningKey.pem(privateKey), null, null, null, null), external).keyId())
                .isEqualTo(new SigningKey(privateKey).keyId());
        assertThatThrownBy(() -> new SigningKey(new CertificateSettings("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
                null, null, null, null), external))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("teeka.certificates.signing-key");
    }

    @Test
    void certificateIdsAreReadAsTyped() {
        String id = CertificateId.next();

        assertThat(id).matches("TK(-[0-9A-HJKMNP-TV-Z]{4}){4}");
        assertThat(CertificateId.normalise(id.toLowerCase().replace("-", " "))).contains(id);
        assertThat(CertificateId.normalise("TK-7KQ2-M9XA-4HDP-3RCZ")).contains("TK-7KQ2-M9XA-4HDP-3RCZ");
        assertThat(CertificateId.normalise("tk 7kq2m9xa4hdp3rcz")).contains("TK-7KQ2-M9XA-4HDP-3RCZ");
        assertThat(CertificateId.normalise("TK-7KQ2")).isEmpty();
        assertThat(CertificateId.normalise("'; drop table certificates;--")).isEmpty();
    }

    @Test
    void base58AndBase45RoundTrip() {
        byte[] bytes = {0, 0, 1, 2, (byte) 255, 127, -128};
        assertThat(Base58.decode(Base58.encode(bytes))).isEqualTo(bytes);
        assertThat(Base45.encode("AB".getBytes())).isEqualTo("BB8");
        assertThat(Base45.encode("ietf!".getBytes())).isEqualTo("QED8WEX0");
        assertThat(Base45.decode("QED8WEX0")).isEqualTo("ietf!".getBytes());
    }
}
