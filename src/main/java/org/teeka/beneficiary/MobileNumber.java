package org.teeka.beneficiary;

import java.util.regex.Pattern;

/**
 * An Indian mobile number: ten digits, the first 6, 7, 8 or 9. {@link #toString()} shows it masked
 * so that it does not end up in logs whole.
 *
 * @param value the ten digits, without a country or trunk prefix
 */
public record MobileNumber(String value) {

    private static final Pattern TEN_DIGITS = Pattern.compile("[6-9][0-9]{9}");

    public MobileNumber {
        if (value == null || !TEN_DIGITS.matcher(value).matches()) {
            throw new InvalidValueException("beneficiary.error.mobile-invalid");
        }
    }

    /**
     * The mobile number typed by a person: spaces and dashes are ignored, and so is a leading
     * {@code +91}, {@code 91} or {@code 0} in front of the ten digits.
     */
    public static MobileNumber of(String input) {
        if (input == null) {
            throw new InvalidValueException("beneficiary.error.mobile-invalid");
        }
        String digits = Normalise.withoutSpacesAndDashes(input);
        if (digits.startsWith("+91")) {
            digits = digits.substring(3);
        } else if (digits.length() == 12 && digits.startsWith("91")) {
            digits = digits.substring(2);
        } else if (digits.length() == 11 && digits.startsWith("0")) {
            digits = digits.substring(1);
        }
        return new MobileNumber(digits);
    }

    public String last4() {
        return value.substring(6);
    }

    /** The number with all but the last four digits hidden, such as {@code XXXXXX3210}. */
    public String masked() {
        return "XXXXXX" + last4();
    }

    @Override
    public String toString() {
        return masked();
    }
}
