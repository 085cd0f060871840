package org.teeka.beneficiary;

import java.util.Locale;

/**
 * A person from a beneficiary list whose values passed their checks, with the keyed hash of their
 * photo ID: what {@link Beneficiaries#registerAll} writes.
 *
 * @param language the SMS language the list asks for; null to keep the mobile's own, or the list's
 */
record ListedPerson(String name, MobileNumber mobile, BirthYear birthYear, Gender gender, PhotoId photoId, String idHash,
                    BeneficiaryCategory category, int pincode, Locale language) {

    /** What makes two people the same person: their photo ID's type and keyed hash. */
    String idKey() {
        return photoId.type().name() + ":" + idHash;
    }
}
