package org.teeka.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The key for keyed hashes (OTPs, ID numbers). From {@code TEEKA_HMAC_KEY} (base64, at least 32
 * bytes; every node of a deployment must share it); without it a key is made once and kept in
 * {@code TEEKA_DATA_DIR/hmac.key}, readable by its owner only — fine for one machine.
 */
@Component
public class Secrets {

    private static final Logger log = LoggerFactory.getLogger(Secrets.class);

    private final SecretKeySpec key;

    Secrets(@Value("${teeka.secrets.hmac-key:}") String configured, TeekaSettings settings) {
        this.key = new SecretKeySpec(configured.isBlank() ? keptKey(settings.dataDir().resolve("hmac.key")) : decode(configured), "HmacSHA256");
    }

    /** HMAC-SHA256 of the text, in hex. */
    public String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] decode(String configured) {
        byte[] bytes = Base64.getDecoder().decode(configured.strip());
        if (bytes.length < 32) {
            throw new IllegalStateException("TEEKA_HMAC_KEY must be at least 32 bytes, base64-encoded");
        }
        return bytes;
    }

    private static byte[] keptKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).strip());
            }
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(bytes));
            log.warn("No TEEKA_HMAC_KEY set: made one in {}. A deployment of several nodes must set the same key on each.", file);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the HMAC key in " + file, e);
        }
    }
}
