package org.teeka.booking;

import java.time.LocalDate;

/** A dose a beneficiary was given, as eligibility sees it. */
public record PastDose(int dose, String vaccineCode, LocalDate givenOn) {
}
