package org.teeka.beneficiary;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The photo IDs a beneficiary may register with, each with CoWIN's numeric id (which third-party
 * tools store) and the shape its number must have once spaces and dashes are removed and letters
 * upper-cased.
 */
public enum PhotoIdType {

    /** 12 digits, not starting with 0 or 1, the last a Verhoeff check digit. */
    AADHAAR(1, "[2-9][0-9]{11}", "beneficiary.error.aadhaar-invalid"),
    /** Elector's photo identity card (EPIC): 3 letters and 7 digits. */
    VOTER_ID(2, "[A-Z]{3}[0-9]{7}", "beneficiary.error.voter-id-invalid"),
    /** Indian passport: a letter and 7 digits. */
    PASSPORT(3, "[A-Z][0-9]{7}", "beneficiary.error.passport-invalid"),
    /** The 2-letter state code, then 11 to 14 letters or digits (RTO, year and serial, in formats that vary by state and era). */
    DRIVING_LICENCE(4, "[A-Z]{2}[A-Z0-9]{11,14}", "beneficiary.error.driving-licence-invalid"),
    /** 5 letters, 4 digits, 1 letter. */
    PAN(5, "[A-Z]{5}[0-9]{4}[A-Z]", "beneficiary.error.pan-invalid"),
    NPR_SMART_CARD(6, "[A-Z0-9]{6,20}", "beneficiary.error.npr-smart-card-invalid"),
    PENSION_DOCUMENT(7, "[A-Z0-9]{6,20}", "beneficiary.error.pension-document-invalid");

    private final int id;
    private final Pattern format;
    private final String errorCode;

    PhotoIdType(int id, String format, String errorCode) {
        this.id = id;
        this.format = Pattern.compile(format);
        this.errorCode = errorCode;
    }

    /** CoWIN's numeric id of this type. */
    public int id() {
        return id;
    }

    /** The type with CoWIN's numeric id. */
    public static PhotoIdType ofId(int id) {
        for (PhotoIdType type : values()) {
            if (type.id == id) {
                return type;
            }
        }
        throw new InvalidValueException("beneficiary.error.photo-id-type-unknown", id);
    }

    /** The message key of the type's name. */
    public String messageKey() {
        return "beneficiary.id-type." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The message key of the error shown when a number does not fit this type. */
    public String errorCode() {
        return errorCode;
    }

    /** The number as typed, trimmed, without spaces and dashes, upper-cased. */
    static String normalise(String number) {
        return Normalise.withoutSpacesAndDashes(number).toUpperCase(Locale.ROOT);
    }

    /** Throws unless the normalised number fits this type. */
    void check(String number) {
        if (number == null || !format.matcher(number).matches()) {
            throw new InvalidValueException(errorCode);
        }
        if (this == AADHAAR && !Verhoeff.isValid(number)) {
            throw new InvalidValueException("beneficiary.error.aadhaar-checksum");
        }
    }
}
