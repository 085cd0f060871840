package org.teeka.certificate;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Certificate ids: {@code TK-} and 16 Crockford base32 characters in groups of four (80 random
 * bits), such as {@code TK-7KQ2-M9XA-4HDP-3RCZ}: unguessable, and easy to read out and type, as
 * the alphabet has no I, L, O or U.
 */
final class CertificateId {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateId() {
    }

    static String next() {
        StringBuilder id = new StringBuilder("TK");
        for (int i = 0; i < 16; i++) {
            if (i % 4 == 0) {
                id.append('-');
            }
            id.append(ALPHABET.charAt(RANDOM.nextInt(32)));
        }
        return id.toString();
    }

    /** The id as stored, from what a person typed (any case, spaces or dashes anywhere, O for 0, I or L for 1); empty when it cannot be one. */
    static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String plain = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        if (plain.startsWith("TK")) {
            plain = plain.substring(2);
        }
        plain = plain.replace('O', '0').replace('I', '1').replace('L', '1');
        if (plain.length() != 16 || !plain.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of("TK-" + plain.substring(0, 4) + "-" + plain.substring(4, 8) + "-" + plain.substring(8, 12) + "-" + plain.substring(12));
    }
}
