package org.teeka.platform;

import java.util.Arrays;
import java.util.List;

/**
 * Makes text safe to put in a cell of a CSV file that someone will open in a spreadsheet. A cell
 * starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return (or their
 * full-width forms) may be run as a formula (CSV injection, CWE-1236), so it is prefixed with an
 * apostrophe, which spreadsheets show as text and do not run. Every export goes through here.
 */
public final class CsvCells {

    private static final String TRIGGERS = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";

    private CsvCells() {
    }

    /** The text as a harmless cell; null stays null (an empty cell). */
    public static String safe(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return TRIGGERS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /** Each text as a harmless cell, in order. */
    public static List<String> safe(String... texts) {
        return Arrays.stream(texts).map(CsvCells::safe).toList();
    }
}
