package org.teeka.vaccination;

import java.util.List;

/** What became of one {@link DoseEntry}. */
public sealed interface DoseOutcome {

    /** Recorded now. */
    record Accepted(DoseRecord record) implements DoseOutcome {
    }

    /** Recorded before: the same event id, or the same dose with the same facts (vaccine, lot, session). */
    record Duplicate(DoseRecord record) implements DoseOutcome {
    }

    /**
     * Another record of this beneficiary's dose exists with different facts. Kept for the center
     * manager (never merged); {@code reason} is a message key naming the first fact that differs.
     */
    record Conflict(DoseRecord existing, String reason) implements DoseOutcome {
    }

    /** Not recorded; the message key (and its arguments) say why, in the user's language. */
    record Refused(String code, List<Object> arguments) implements DoseOutcome {

        static Refused of(String code, Object... arguments) {
            return new Refused(code, List.of(arguments));
        }
    }
}
