package org.teeka.beneficiary;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Gives each person registered from a beneficiary list a place, in the caller's transaction: the
 * earliest free dose-1 place at the list's centers (their preferred center first), or else their
 * district's waitlist, each told by SMS. The booking module implements it; this module cannot
 * depend on booking, which depends on it.
 */
public interface ListAllocation {

    /**
     * One placement per person, in the order given.
     *
     * @param centerIds the centers whose sessions the list may use; never empty
     * @param vaccineCode only sessions of this vaccine, or any when null
     */
    List<Placement> place(List<Person> people, Set<Integer> centerIds, String vaccineCode);

    /** A person just registered, the center they asked for (or null), and the language of their SMS. */
    record Person(Beneficiary beneficiary, Integer preferredCenterId, Locale language) {
    }

    /**
     * Where a person was placed: booked at a center on a date and time, or (center null) waiting.
     */
    record Placement(UUID beneficiaryId, Integer centerId, LocalDate date, LocalTime startsAt, LocalTime endsAt) {

        public static Placement waiting(UUID beneficiaryId) {
            return new Placement(beneficiaryId, null, null, null, null);
        }

        public boolean booked() {
            return centerId != null;
        }
    }
}
