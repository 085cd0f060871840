package org.teeka.beneficiary;

import java.util.Locale;

/** What a person was listed as by the district: the groups vaccinated first, or anyone else. */
public enum BeneficiaryCategory {
    HEALTH_WORKER,
    FRONTLINE_WORKER,
    GENERAL;

    /** The message key of the category's name. */
    public String messageKey() {
        return "beneficiary.category." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
