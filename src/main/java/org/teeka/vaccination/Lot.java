package org.teeka.vaccination;

import java.time.LocalDate;

/** A lot (batch) of a vaccine, and the day it expires (doses may be given up to and including it). */
public record Lot(String lotNumber, String vaccineCode, LocalDate expiresOn) {
}
