package org.teeka.beneficiary;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Valid (made-up) Aadhaar numbers, made by appending the Verhoeff check digit, and ways to mistype them. */
final class AadhaarNumbers {

    static final String VALID = withCheckDigit("23456789012");

    static final List<String> SAMPLES = Stream.concat(
                    Stream.of(VALID, withCheckDigit("99999999999"), withCheckDigit("20000000000"), withCheckDigit("98765432109")),
                    new Random(20210116).longs(20, 20_000_000_000L, 100_000_000_000L)
                            .mapToObj(n -> withCheckDigit(Long.toString(n))))
            .toList();

    private AadhaarNumbers() {
    }

    static String withCheckDigit(String elevenDigits) {
        return elevenDigits + Verhoeff.checkDigit(elevenDigits);
    }

    static String replace(String number, int position, char digit) {
        var changed = new StringBuilder(number);
        changed.setCharAt(position, digit);
        return changed.toString();
    }

    static String swap(String number, int position) {
        var changed = new StringBuilder(number);
        changed.setCharAt(position, number.charAt(position + 1));
        changed.setCharAt(position + 1, number.charAt(position));
        return changed.toString();
    }
}
