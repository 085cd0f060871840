package org.teeka.beneficiary;

import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The 14-digit reference id a beneficiary quotes at the center and on the helpdesk: 13 random
 * digits, the first not 0, and a Luhn check digit that catches a mistyped digit.
 */
public record ReferenceId(String value) {

    private static final Pattern FOURTEEN_DIGITS = Pattern.compile("[1-9][0-9]{13}");

    public ReferenceId {
        if (value == null || !FOURTEEN_DIGITS.matcher(value).matches() || !Luhn.isValid(value)) {
            throw new InvalidValueException("beneficiary.error.reference-id-invalid");
        }
    }

    /** A new reference id drawn from the generator; production callers pass a {@link java.security.SecureRandom}. */
    public static ReferenceId generate(RandomGenerator random) {
        var digits = new StringBuilder(14).append(random.nextInt(1, 10));
        for (int i = 1; i < 13; i++) {
            digits.append(random.nextInt(10));
        }
        return new ReferenceId(digits.append(Luhn.checkDigit(digits.toString())).toString());
    }

    /** The reference id as typed; spaces and dashes are ignored. */
    public static ReferenceId of(String input) {
        if (input == null) {
            throw new InvalidValueException("beneficiary.error.reference-id-invalid");
        }
        return new ReferenceId(Normalise.withoutSpacesAndDashes(input));
    }

    @Override
    public String toString() {
        return value;
    }
}
