package org.teeka.account;

/** Something a staff role may do beyond seeing what lies in its scope. */
public enum Permission {
    MANAGE_CENTERS,
    MANAGE_SESSIONS,
    EDIT_VACCINES,
    MANAGE_STAFF,
    /** Upload beneficiary lists (health workers and the like) to be registered, booked and told by SMS. */
    IMPORT_BENEFICIARIES,
    /** See the fate of the SMS sent in the scope (never their text), delivery rates, dead letters and call lists. */
    VIEW_MESSAGES,
    /** Send dead letters again. */
    RETRY_MESSAGES,
    /** Announce and make the district's lucky draws. */
    RUN_LUCKY_DRAWS,
    /** Revoke a vaccination certificate issued in the state, giving a reason. */
    REVOKE_CERTIFICATES,
    /** Check people in, register walk-ins and record doses at the member's own center. */
    RECORD_DOSES,
    /** Run the center's day: mark no-shows, correct dose records, see conflicts. */
    MANAGE_CENTER_DAY
}
