package org.teeka.beneficiary;

import java.util.Locale;

/** A beneficiary's gender as registered, with CoWIN's numeric id. */
public enum Gender {
    MALE(1),
    FEMALE(2),
    OTHER(3);

    private final int id;

    Gender(int id) {
        this.id = id;
    }

    /** CoWIN's numeric id of this gender. */
    public int id() {
        return id;
    }

    /** The gender with CoWIN's numeric id. */
    public static Gender ofId(int id) {
        for (Gender gender : values()) {
            if (gender.id == id) {
                return gender;
            }
        }
        throw new InvalidValueException("beneficiary.error.gender-unknown", id);
    }

    /** The message key of the gender's name. */
    public String messageKey() {
        return "beneficiary.gender." + name().toLowerCase(Locale.ROOT);
    }
}
