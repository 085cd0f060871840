package org.teeka.beneficiary;

/** The Luhn (mod 10) check digit: catches every single-digit error and most adjacent transpositions. */
final class Luhn {

    private Luhn() {
    }

    /** Whether the digits, their last one being the check digit, are consistent. */
    static boolean isValid(String digits) {
        return sum(digits, false) % 10 == 0;
    }

    /** The digit to append to these digits to make them valid. */
    static int checkDigit(String digits) {
        return (10 - sum(digits, true) % 10) % 10;
    }

    private static int sum(String digits, boolean doubleRightmost) {
        int sum = 0;
        boolean doubled = doubleRightmost;
        for (int i = digits.length() - 1; i >= 0; i--) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("digits must hold only 0-9, found '" + c + "'");
            }
            int digit = c - '0';
            if (doubled) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum;
    }
}
