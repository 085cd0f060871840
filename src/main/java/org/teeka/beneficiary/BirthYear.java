package org.teeka.beneficiary;

import java.time.Year;

/**
 * The year a beneficiary was born, the only birth detail CoWIN-style registration asks for: no
 * later than this year and at most 120 years ago. Eligibility works on {@link #ageIn(int) the age
 * reached during a year}.
 */
public final class BirthYear {

    static final int OLDEST_AGE = 120;

    private final int value;

    private BirthYear(int value) {
        this.value = value;
    }

    /** The year of birth given now, checked against the current year. */
    public static BirthYear of(int year, Year currentYear) {
        if (currentYear == null) {
            throw new IllegalArgumentException("currentYear is required");
        }
        int earliest = currentYear.getValue() - OLDEST_AGE;
        int latest = currentYear.getValue();
        if (year < earliest || year > latest) {
            throw new InvalidValueException("beneficiary.error.birth-year-range", String.valueOf(earliest), String.valueOf(latest));
        }
        return new BirthYear(year);
    }

    public int value() {
        return value;
    }

    /** The age the beneficiary reaches during the year. */
    public int ageIn(int year) {
        if (year < value) {
            throw new IllegalArgumentException("year " + year + " is before the birth year " + value);
        }
        return year - value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BirthYear that && that.value == value;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(value);
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
