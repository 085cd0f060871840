package org.teeka.beneficiary.list;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns of a beneficiary list. A header cell names a column when, lower-cased and with runs
 * of spaces and punctuation made one underscore, it is the column's name or one of its aliases
 * ({@code "Mobile No."} is {@code mobile_no}, an alias of {@code mobile}).
 */
public enum ListColumn {
    NAME(true, "name", "full_name", "beneficiary_name"),
    MOBILE(true, "mobile", "mobile_number", "mobile_no", "phone"),
    BIRTH_YEAR(true, "birth_year", "year_of_birth", "yob"),
    GENDER(true, "gender", "sex"),
    ID_TYPE(true, "id_type", "photo_id_type"),
    ID_NUMBER(true, "id_number", "photo_id_number", "id_no"),
    CATEGORY(true, "category"),
    PREFERRED_CENTER_ID(false, "preferred_center_id", "center_id"),
    PINCODE(false, "pincode", "pin_code", "pin"),
    LANGUAGE(false, "language");

    private final boolean required;
    private final List<String> names;

    ListColumn(boolean required, String... names) {
        this.required = required;
        this.names = List.of(names);
    }

    public boolean required() {
        return required;
    }

    /** The name the header should use, as in the template. */
    public String headerName() {
        return names.getFirst();
    }

    /** The column a header cell names, if any. */
    public static Optional<ListColumn> named(String header) {
        String key = key(header);
        for (ListColumn column : values()) {
            if (column.names.contains(key)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    static String key(String header) {
        return header == null ? "" : header.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_")
                .replaceAll("^_+|_+$", "");
    }
}
