package org.teeka.beneficiary;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * A beneficiary's photo ID, its number checked against the rules of its type. The number is held
 * here only long enough to derive what is kept: {@link #last4()} to show and {@link #keyedHash(byte[])}
 * to find a second registration with the same ID. Neither the number nor this object is stored, and
 * for Aadhaar that is the law's requirement, not only good manners: the full number must never be
 * written to the database, a log or a page. {@link #toString()} therefore shows it masked.
 *
 * @param number the number normalised: no spaces or dashes, letters upper-cased
 */
public record PhotoId(PhotoIdType type, String number) {

    static final int MINIMUM_KEY_BYTES = 32;

    public PhotoId {
        if (type == null) {
            throw new InvalidValueException("beneficiary.error.photo-id-type-required");
        }
        type.check(number);
    }

    /** The ID as typed: surrounding and inner spaces and dashes are ignored, letters upper-cased. */
    public static PhotoId of(PhotoIdType type, String number) {
        if (type == null) {
            throw new InvalidValueException("beneficiary.error.photo-id-type-required");
        }
        if (number == null) {
            throw new InvalidValueException(type.errorCode());
        }
        return new PhotoId(type, PhotoIdType.normalise(number));
    }

    /** The last four characters of the number: all of it that may be shown or stored. */
    public String last4() {
        return number.substring(number.length() - 4);
    }

    /** The number with all but its last four characters replaced by X, such as {@code XXXXXXXX1234}. */
    public String masked() {
        return "X".repeat(number.length() - 4) + last4();
    }

    /**
     * HMAC-SHA256 of {@code TYPE:NUMBER} under the key, in lower-case hex: equal for the same ID,
     * useless for recovering the number without the key.
     *
     * @param key a secret of at least 32 bytes, kept out of the database
     */
    public String keyedHash(byte[] key) {
        if (key == null || key.length < MINIMUM_KEY_BYTES) {
            throw new IllegalArgumentException("key must hold at least " + MINIMUM_KEY_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((type.name() + ":" + number).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The type and the masked number; never the number itself. */
    @Override
    public String toString() {
        return type + " " + masked();
    }
}
