package org.teeka.beneficiary;

/** How typed identifiers are tidied before they are checked. */
final class Normalise {

    private Normalise() {
    }

    /** The input without whitespace and dashes (including the typographic ones documents are copied with). */
    static String withoutSpacesAndDashes(String input) {
        var kept = new StringBuilder(input.length());
        input.codePoints()
                .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c) && !isDash(c))
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static boolean isDash(int c) {
        return c == '-' || (c >= '\u2010' && c <= '\u2015') || c == '\u2212';
    }
}
