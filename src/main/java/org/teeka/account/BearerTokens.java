package org.teeka.account;

import org.springframework.stereotype.Service;
import org.teeka.platform.Secrets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Bearer tokens for citizens who signed in with an OTP through an API. A token is a JWT signed
 * with HS256 that names the mobile and when it expires, so nothing is stored and every node that
 * shares {@code TEEKA_HMAC_KEY} accepts it. It is in JWT form because CoWIN clients decode the
 * payload to read {@code exp} and sign in again before it passes. A token cannot be withdrawn, so
 * it lives briefly (15 minutes unless configured).
 *
 * <p>The signing key is derived from the platform's HMAC key, so a token's signature is never
 * the keyed hash of anything else the platform stores.
 */
@Service
public class BearerTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String HEADER = ENCODER.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;
    private final BearerTokenSettings settings;
    private final Clock clock;

    BearerTokens(Secrets secrets, BearerTokenSettings settings, Clock clock) {
        this.key = new SecretKeySpec(HexFormat.of().parseHex(secrets.hmac("teeka:bearer-token-key:v1")), "HmacSHA256");
        this.settings = settings;
        this.clock = clock;
    }

    /** A new token for the mobile, valid from now for the configured time. */
    public String issue(String mobile) {
        if (mobile == null || !mobile.matches("[6-9][0-9]{9}")) {
            throw new IllegalArgumentException("mobile must be ten digits starting with 6 to 9");
        }
        long now = clock.instant().getEpochSecond();
        String payload = "{\"sub\":\"%s\",\"user_type\":\"BENEFICIARY\",\"iat\":%d,\"exp\":%d,\"jti\":\"%s\"}"
                .formatted(mobile, now, now + settings.validity().toSeconds(), UUID.randomUUID());
        String signed = HEADER + "." + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return signed + "." + ENCODER.encodeToString(sign(signed));
    }

    /** The citizen a token was issued to, if it is well-formed, signed with this platform's key and not expired. */
    public Optional<CitizenPrincipal> verify(String token) {
        if (token == null || token.length() > 2048) {
            return Optional.empty();
        }
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 3 || !HEADER.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            byte[] given = DECODER.decode(parts[2]);
            if (!MessageDigest.isEqual(given, sign(parts[0] + "." + parts[1]))) {
                return Optional.empty();
            }
            JsonNode payload = JsonMapper.shared().readTree(DECODER.decode(parts[1]));
            String mobile = payload.path("sub").asString();
            long expires = payload.path("exp").asLong();
            if (mobile == null || !mobile.matches("[6-9][0-9]{9}") || !Instant.ofEpochSecond(expires).isAfter(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new CitizenPrincipal(mobile));
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException malformed) {
            return Optional.empty();
        }
    }

    private byte[] sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
