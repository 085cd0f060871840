package org.teeka.account;

/** Something a staff role may do beyond seeing what lies in its scope. */
public enum Permission {
    MANAGE_CENTERS,
    MANAGE_SESSIONS,
    EDIT_VACCINES,
    MANAGE_STAFF,
    /** Upload beneficiary lists (health workers and the like) to be registered, booked and told by SMS. */
    IMPORT_BENEFICIARIES,
    /** Revoke a vaccination certificate issued in the state, giving a reason. */
    REVOKE_CERTIFICATES
}
