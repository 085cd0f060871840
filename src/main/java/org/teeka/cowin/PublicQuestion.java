package org.teeka.cowin;

import java.time.LocalDate;

/**
 * A public availability question as {@link PublicAvailability} keys its answers: which call, which
 * place (PIN code, district or center), from which date, which vaccine (as Teeka's code, null for
 * any) and how the answer is written (language, slots). The controller and
 * {@link PublicAvailabilityFilter} name a question the same way, so a hit of either is the other's.
 */
record PublicQuestion(String kind, int place, LocalDate date, String vaccineCode, Availability.View view) {

    static PublicQuestion of(String kind, int place, LocalDate date, String vaccine, Availability.View view) {
        return new PublicQuestion(kind, place, date, Availability.vaccineCode(vaccine), view);
    }
}
