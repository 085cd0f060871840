package org.teeka.account;

/** Something a staff role may do beyond seeing what lies in its scope. */
public enum Permission {
    MANAGE_CENTERS,
    MANAGE_SESSIONS,
    EDIT_VACCINES,
    MANAGE_STAFF,
    /** Upload beneficiary lists (health workers and the like) to be registered, booked and told by SMS. */
    IMPORT_BENEFICIARIES,
    /** Check people in, register walk-ins and record doses at the member's own center. */
    RECORD_DOSES,
    /** Run the center's day: mark no-shows, correct dose records, see conflicts. */
    MANAGE_CENTER_DAY
}
