package org.teeka.beneficiary;

import java.util.List;
import java.util.Locale;

/** What became of one person of a batch registration. */
sealed interface Registration {

    /** Registered; SMS to them go out in this language. */
    record Registered(Beneficiary beneficiary, Locale language) implements Registration {
    }

    /** Not registered: a rule of registration refused them, named by its message key. */
    record Refused(String code, List<String> arguments) implements Registration {

        static Refused of(String code, Object... arguments) {
            return new Refused(code, java.util.Arrays.stream(arguments).map(String::valueOf).toList());
        }
    }
}
