package org.teeka.beneficiary;

import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The 4-digit code sent with an appointment and asked for at the center before vaccination. It
 * proves the person holds the appointment's SMS, so {@link #toString()} does not show it.
 */
public record SecurityCode(String value) {

    private static final Pattern FOUR_DIGITS = Pattern.compile("[0-9]{4}");

    public SecurityCode {
        if (value == null || !FOUR_DIGITS.matcher(value).matches()) {
            throw new InvalidValueException("beneficiary.error.security-code-invalid");
        }
    }

    /** A new code, 0000 to 9999, drawn from the generator; production callers pass a {@link java.security.SecureRandom}. */
    public static SecurityCode generate(RandomGenerator random) {
        return new SecurityCode("%04d".formatted(random.nextInt(10_000)));
    }

    /** The code as typed; surrounding spaces are ignored. */
    public static SecurityCode of(String input) {
        if (input == null) {
            throw new InvalidValueException("beneficiary.error.security-code-invalid");
        }
        return new SecurityCode(input.strip());
    }

    @Override
    public String toString() {
        return "SecurityCode[****]";
    }
}
