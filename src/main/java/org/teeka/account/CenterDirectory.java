package org.teeka.account;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where centers lie, for scoping staff to them. The center module implements this, so accounts
 * need not read centers themselves.
 */
public interface CenterDirectory {

    Optional<Place> locate(int centerId);

    /** The centers the scope covers. */
    List<Place> visibleTo(StaffScope scope);

    /** A center's name, state and district. */
    record Place(int centerId, String name, String nameHi, int stateId, int districtId) {

        public String name(Locale locale) {
            return "hi".equals(locale.getLanguage()) && nameHi != null ? nameHi : name;
        }
    }
}
