package org.teeka.vaccine;

import java.util.Locale;

/**
 * A vaccine in the catalogue.
 *
 * @param minIntervalDays days after a dose before the next one may be given; null for a single-dose vaccine
 * @param maxIntervalDays the latest recommended day for the next dose; null where no bound is set
 */
public record Vaccine(String code, String name, String nameHi, int doses,
                      Integer minIntervalDays, Integer maxIntervalDays, int minAge, Integer maxAge) {

    public String name(Locale locale) {
        return "hi".equals(locale.getLanguage()) ? nameHi : name;
    }
}
