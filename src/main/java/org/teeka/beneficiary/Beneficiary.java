package org.teeka.beneficiary;

import java.util.UUID;

/**
 * A person registered under a mobile. The photo ID is kept only as its type and last four
 * characters (plus a keyed hash, never shown).
 */
public record Beneficiary(UUID id, String referenceId, String mobile, String name, int birthYear, Gender gender,
                          PhotoIdType idType, String idLast4, int pincode, int districtId) {

    /** The ID number as pages show it: all but the last four characters hidden. */
    public String maskedId() {
        return "XXXXXXXX" + idLast4;
    }

    public int ageIn(int year) {
        return year - birthYear;
    }
}
