package org.teeka.certificate;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * How certificates are signed and who they name as issuer.
 *
 * @param signingKey the Ed25519 private key as PKCS#8 PEM ({@code TEEKA_CERTIFICATE_SIGNING_KEY}); wins over the file
 * @param signingKeyFile a file holding that PEM ({@code TEEKA_CERTIFICATE_SIGNING_KEY_FILE})
 * @param developmentKey whether a key may be generated under the data directory when neither is given; when unset,
 *                       only the embedded-database run may (an external database means a real deployment)
 * @param issuerId the credential's issuer id, a URL or URN naming the health department
 * @param issuerName the issuer's name printed and carried in the credential
 */
@ConfigurationProperties("teeka.certificates")
public record CertificateSettings(String signingKey, Path signingKeyFile, Boolean developmentKey, String issuerId,
                                  String issuerName) {

    public CertificateSettings {
        if (issuerId == null || issuerId.isBlank()) {
            issuerId = "urn:teeka:issuer:demo";
        }
        if (issuerName == null || issuerName.isBlank()) {
            issuerName = "Teeka (demo)";
        }
    }
}
