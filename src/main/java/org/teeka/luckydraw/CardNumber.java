package org.teeka.luckydraw;

import org.teeka.beneficiary.Verhoeff;

import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * A lucky-draw card number: 11 random digits (the first not 0) and a Verhoeff check digit, which
 * catches every mistyped digit and every swap of neighbours. It says nothing about its holder.
 * Printed and read aloud in three groups of four: {@code 5821 0937 4416}.
 */
public record CardNumber(String value) implements Comparable<CardNumber> {

    private static final Pattern TWELVE_DIGITS = Pattern.compile("[1-9][0-9]{11}");

    public CardNumber {
        if (value == null || !TWELVE_DIGITS.matcher(value).matches() || !Verhoeff.isValid(value)) {
            throw new IllegalArgumentException("card number must be 12 digits, the first not 0, ending in a Verhoeff check digit: " + value);
        }
    }

    /** A new card number drawn from the generator; production callers pass a {@link java.security.SecureRandom}. */
    public static CardNumber generate(RandomGenerator random) {
        var digits = new StringBuilder(12).append(random.nextInt(1, 10));
        for (int i = 1; i < 11; i++) {
            digits.append(random.nextInt(10));
        }
        return new CardNumber(digits.append(Verhoeff.checkDigit(digits.toString())).toString());
    }

    /** The number as typed or printed; spaces and dashes are ignored. Empty when it is not a valid card number. */
    public static java.util.Optional<CardNumber> parse(String input) {
        if (input == null) {
            return java.util.Optional.empty();
        }
        String digits = input.replaceAll("[\\s-]", "");
        return TWELVE_DIGITS.matcher(digits).matches() && Verhoeff.isValid(digits)
                ? java.util.Optional.of(new CardNumber(digits)) : java.util.Optional.empty();
    }

    /** The number as printed and read aloud: three groups of four digits. */
    public String grouped() {
        return value.substring(0, 4) + " " + value.substring(4, 8) + " " + value.substring(8);
    }

    @Override
    public int compareTo(CardNumber other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
