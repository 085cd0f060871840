package org.teeka.beneficiary;

/**
 * Verhoeff's check digit, the one Aadhaar numbers end with. Unlike Luhn it catches every
 * single-digit error and every transposition of adjacent digits.
 */
public final class Verhoeff {

    private static final int[][] MULTIPLICATION = {
            {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
            {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
            {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
            {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
            {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
            {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
            {6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
            {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
            {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
            {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};

    private static final int[][] PERMUTATION = {
            {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
            {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
            {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
            {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
            {9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
            {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
            {2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
            {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};

    private static final int[] INVERSE = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};

    private Verhoeff() {
    }

    /** Whether the digits, their last one being the check digit, are consistent. */
    public static boolean isValid(String digits) {
        return checksum(digits, 0) == 0;
    }

    /** The digit to append to these digits to make them valid. */
    public static int checkDigit(String digits) {
        return INVERSE[checksum(digits, 1)];
    }

    private static int checksum(String digits, int offset) {
        int c = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digit(digits.charAt(digits.length() - 1 - i));
            c = MULTIPLICATION[c][PERMUTATION[(i + offset) % 8][digit]];
        }
        return c;
    }

    private static int digit(char c) {
        if (c < '0' || c > '9') {
            throw new IllegalArgumentException("digits must hold only 0-9, found '" + c + "'");
        }
        return c - '0';
    }
}
