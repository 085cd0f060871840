package org.teeka.cowin;

import org.springframework.http.HttpStatus;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/** CoWIN's formats: dates as DD-MM-YYYY both ways, times of day as 09:00:00, slots as 09:00AM-11:00AM. */
final class CowinDates {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-uuuu", Locale.ROOT);
    private static final DateTimeFormatter READ_DATE = DateTimeFormatter.ofPattern("d-M-uuuu", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter SLOT_TIME = DateTimeFormatter.ofPattern("hh:mma", Locale.ENGLISH);

    private CowinDates() {
    }

    /** A date given as DD-MM-YYYY (leading zeros optional); a 400 otherwise. */
    static LocalDate parse(String text) {
        if (text == null || text.isBlank()) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.parameter-missing", "date");
        }
        try {
            return LocalDate.parse(text.strip(), READ_DATE);
        } catch (DateTimeParseException e) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.date");
        }
    }

    static String format(LocalDate date) {
        return date == null ? "" : date.format(DATE);
    }

    static String time(LocalTime time) {
        return time.format(TIME);
    }

    static String slot(LocalTime start, LocalTime end) {
        return start.format(SLOT_TIME) + "-" + end.format(SLOT_TIME);
    }
}
