package org.teeka.certificate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.teeka.platform.TeekaSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The Ed25519 key certificates are signed with: from {@code teeka.certificates.signing-key} (PKCS#8
 * PEM) or {@code signing-key-file}; otherwise, where allowed, a development key made once and kept
 * in {@code TEEKA_DATA_DIR/certificate-signing-key.pem} (owner-only). Start-up fails with a message
 * naming the settings when there is no key and none may be made.
 */
@Component
public class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    static final String DEVELOPMENT_KEY_FILE = "certificate-signing-key.pem";
    /** X.509 SubjectPublicKeyInfo prefix of an Ed25519 key; the 32 raw key bytes follow. */
    private static final int RAW_KEY_OFFSET = 12;

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final byte[] rawPublicKey;
    private final String keyId;

    @org.springframework.beans.factory.annotation.Autowired
    SigningKey(CertificateSettings settings, TeekaSettings platform) {
        this(load(settings, platform));
    }

    SigningKey(PrivateKey privateKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKeyOf(privateKey);
        byte[] encoded = publicKey.getEncoded();
        this.rawPublicKey = Arrays.copyOfRange(encoded, RAW_KEY_OFFSET, encoded.length);
        this.keyId = thumbprint(rawPublicKey);
    }

    /** The key's id: its RFC 7638 JWK thumbprint (base64url SHA-256), which credentials name in their proof. */
    public String keyId() {
        return keyId;
    }

    /** The proof's verificationMethod naming this key. */
    public String verificationMethod() {
        return "urn:teeka:key:" + keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as PEM (X.509 SubjectPublicKeyInfo), as openssl writes it. */
    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(publicKey.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** The public key as a JWK (RFC 8037 OKP). */
    public java.util.Map<String, String> publicKeyJwk() {
        return java.util.Map.of("kty", "OKP", "crv", "Ed25519", "x", base64Url(rawPublicKey), "kid", keyId, "alg", "EdDSA", "use", "sig");
    }

    byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK 15+", e);
        }
    }

    boolean verify(byte[] data, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
            signature.update(data);
            return signature.verify(signatureBytes);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK 15+", e);
        }
    }

    /** A PKCS#8 PEM of the key, as {@code openssl genpkey -algorithm ed25519} writes it. */
    static String pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    static PrivateKey parse(String pem, String source) {
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            if (!(key instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
                throw new IllegalStateException(source + " is not an Ed25519 private key");
            }
            return key;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalStateException(source + " is not an Ed25519 private key in PKCS#8 PEM (openssl genpkey -algorithm ed25519): "
                    + e.getMessage(), e);
        }
    }

    static PrivateKey generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK 15+", e);
        }
    }

    private static PrivateKey load(CertificateSettings settings, TeekaSettings platform) {
        if (settings.signingKey() != null && !settings.signingKey().isBlank()) {
            return parse(settings.signingKey(), "teeka.certificates.signing-key (TEEKA_CERTIFICATE_SIGNING_KEY)");
        }
        if (settings.signingKeyFile() != null && !settings.signingKeyFile().toString().isBlank()) {
            Path file = settings.signingKeyFile();
            try {
                return parse(Files.readString(file), "The file " + file + " (teeka.certificates.signing-key-file)");
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the certificate signing key file " + file
                        + " (teeka.certificates.signing-key-file): " + e, e);
            }
        }
        boolean mayGenerate = settings.developmentKey() != null ? settings.developmentKey() : !platform.db().external();
        if (!mayGenerate) {
            throw new IllegalStateException("No certificate signing key: set TEEKA_CERTIFICATE_SIGNING_KEY (an Ed25519 private key in "
                    + "PKCS#8 PEM, made with `openssl genpkey -algorithm ed25519`) or TEEKA_CERTIFICATE_SIGNING_KEY_FILE. "
                    + "A development key is generated only for the embedded database or with TEEKA_CERTIFICATE_DEV_KEY=true.");
        }
        return developmentKey(platform.dataDir().resolve(DEVELOPMENT_KEY_FILE));
    }

    private static PrivateKey developmentKey(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                PrivateKey key = generate();
                Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".certificate-key", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temporary, pem(key), StandardCharsets.US_ASCII);
                try {
                    // a link, not a move: of two processes starting at once, the second keeps the first's key
                    Files.createLink(file, temporary);
                    log.warn("No certificate signing key configured: made a development key in {}. Set TEEKA_CERTIFICATE_SIGNING_KEY "
                            + "for a real deployment.", file);
                } catch (FileAlreadyExistsException e) {
                    // another process made it first
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
            return parse(Files.readString(file), "The development key " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the certificate development key in " + file, e);
        }
    }

    /**
     * The public key of an Ed25519 private key. The JDK has no call for it, but its key-pair generator
     * takes the 32-byte private key from the random source it is given: feeding it the key's own
     * bytes makes it compute the matching public key.
     */
    static PublicKey publicKeyOf(PrivateKey privateKey) {
        byte[] seed = ((EdECPrivateKey) privateKey).getBytes().orElseThrow();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    if (bytes.length != seed.length) {
                        throw new IllegalStateException("the Ed25519 generator asked for " + bytes.length + " bytes");
                    }
                    System.arraycopy(seed, 0, bytes, 0, seed.length);
                }
            });
            KeyPair pair = generator.generateKeyPair();
            if (!Arrays.equals(((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow(), seed)) {
                throw new IllegalStateException("could not derive the Ed25519 public key");
            }
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK 15+", e);
        }
    }

    private static String thumbprint(byte[] rawPublicKey) {
        // RFC 7638: SHA-256 of the required members in lexicographic order, no whitespace
        String json = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + base64Url(rawPublicKey) + "\"}";
        try {
            return base64Url(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
