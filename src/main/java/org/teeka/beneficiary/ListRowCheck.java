package org.teeka.beneficiary;

import org.springframework.context.MessageSource;
import org.teeka.beneficiary.list.ListColumn;
import org.teeka.beneficiary.list.ListRow;
import org.teeka.center.Center;

import java.time.Year;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks one row of a list with the same value objects a citizen's form goes through (mobile,
 * photo ID with the Aadhaar checksum, year of birth), and names the first column that fails and
 * why. Genders, ID types, categories and languages are recognised by their code, CoWIN's number,
 * or their English or Hindi name, as a clerk is likely to type them.
 */
final class ListRowCheck {

    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}\\p{Cc}]+");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    private static final Pattern DIGIT = Pattern.compile("\\p{Nd}");
    private static final int MAX_NAME = 100;

    private final Map<String, Gender> genders;
    private final Map<String, PhotoIdType> idTypes;
    private final Map<String, BeneficiaryCategory> categories;
    private final Map<String, Locale> languages;
    private final Map<Integer, Center> districtCenters;
    private final int defaultPincode;
    private final Year currentYear;
    private final Function<PhotoId, String> keyedHash;

    ListRowCheck(MessageSource messages, Map<Integer, Center> districtCenters, int defaultPincode, Year currentYear,
                 Function<PhotoId, String> keyedHash) {
        this.districtCenters = districtCenters;
        this.defaultPincode = defaultPincode;
        this.currentYear = currentYear;
        this.keyedHash = keyedHash;
        this.genders = vocabulary(Gender.values(), Gender::messageKey, g -> List.of(String.valueOf(g.id()), g.name().substring(0, 1)), messages);
        var idAliases = Map.of(PhotoIdType.AADHAAR, List.of("AADHAR", "UID"), PhotoIdType.VOTER_ID, List.of("EPIC", "VOTER"),
                PhotoIdType.DRIVING_LICENCE, List.of("DRIVING_LICENSE", "DL"), PhotoIdType.PENSION_DOCUMENT, List.of("PENSION"),
                PhotoIdType.NPR_SMART_CARD, List.of("NPR"));
        this.idTypes = vocabulary(PhotoIdType.values(), PhotoIdType::messageKey,
                t -> concat(List.of(String.valueOf(t.id())), idAliases.getOrDefault(t, List.of())), messages);
        var categoryAliases = Map.of(BeneficiaryCategory.HEALTH_WORKER, List.of("HCW", "HEALTHCARE_WORKER", "HEALTH_CARE_WORKER"),
                BeneficiaryCategory.FRONTLINE_WORKER, List.of("FLW", "FRONT_LINE_WORKER"),
                BeneficiaryCategory.GENERAL, List.of("CITIZEN"));
        this.categories = vocabulary(BeneficiaryCategory.values(), BeneficiaryCategory::messageKey,
                c -> categoryAliases.getOrDefault(c, List.of()), messages);
        this.languages = Map.of("EN", Locale.ENGLISH, "ENGLISH", Locale.ENGLISH, "HI", Locale.forLanguageTag("hi"),
                "HINDI", Locale.forLanguageTag("hi"), key("हिन्दी"), Locale.forLanguageTag("hi"), key("हिंदी"), Locale.forLanguageTag("hi"),
                key("अंग्रेज़ी"), Locale.ENGLISH, key("अंग्रेजी"), Locale.ENGLISH);
    }

    /** The row's person, checked, or the first reason it cannot be registered. */
    Checked check(ListRow row) {
        String name = name(row.value(ListColumn.NAME));
        if (row.extraValues() > 0) {
            return refuse(row, name, null, "beneficiary.error.list-extra-values", row.extraValues());
        }
        if (name == null) {
            return refuse(row, null, ListColumn.NAME, row.value(ListColumn.NAME) == null
                    ? "beneficiary.error.list-required" : "beneficiary.error.list-name");
        }
        for (ListColumn column : ListColumn.values()) {
            if (column.required() && row.value(column) == null) {
                return refuse(row, name, column, "beneficiary.error.list-required");
            }
        }
        MobileNumber mobile;
        BirthYear birthYear;
        PhotoId photoId;
        try {
            mobile = MobileNumber.of(row.value(ListColumn.MOBILE));
        } catch (InvalidValueException e) {
            return refuse(row, name, ListColumn.MOBILE, e);
        }
        try {
            birthYear = BirthYear.of(year(row.value(ListColumn.BIRTH_YEAR)), currentYear);
        } catch (InvalidValueException e) {
            return refuse(row, name, ListColumn.BIRTH_YEAR, e);
        }
        Gender gender = genders.get(key(row.value(ListColumn.GENDER)));
        if (gender == null) {
            return refuse(row, name, ListColumn.GENDER, "beneficiary.error.list-gender");
        }
        PhotoIdType idType = idTypes.get(key(row.value(ListColumn.ID_TYPE)));
        if (idType == null) {
            return refuse(row, name, ListColumn.ID_TYPE, "beneficiary.error.list-id-type");
        }
        try {
            photoId = PhotoId.of(idType, row.value(ListColumn.ID_NUMBER));
        } catch (InvalidValueException e) {
            return refuse(row, name, ListColumn.ID_NUMBER, e);
        }
        BeneficiaryCategory category = categories.get(key(row.value(ListColumn.CATEGORY)));
        if (category == null) {
            return refuse(row, name, ListColumn.CATEGORY, "beneficiary.error.list-category");
        }
        Integer preferred = null;
        if (row.value(ListColumn.PREFERRED_CENTER_ID) != null) {
            preferred = integer(row.value(ListColumn.PREFERRED_CENTER_ID)).filter(districtCenters::containsKey).orElse(null);
            if (preferred == null) {
                return refuse(row, name, ListColumn.PREFERRED_CENTER_ID, "beneficiary.error.list-center");
            }
        }
        int pincode = preferred != null ? districtCenters.get(preferred).pincode() : defaultPincode;
        if (row.value(ListColumn.PINCODE) != null) {
            var given = integer(row.value(ListColumn.PINCODE)).filter(p -> p >= 110000 && p <= 999999);
            if (given.isEmpty()) {
                return refuse(row, name, ListColumn.PINCODE, "center.error.pincode");
            }
            pincode = given.get();
        }
        Locale language = null;
        if (row.value(ListColumn.LANGUAGE) != null) {
            language = languages.get(key(row.value(ListColumn.LANGUAGE)));
            if (language == null) {
                return refuse(row, name, ListColumn.LANGUAGE, "beneficiary.error.list-language");
            }
        }
        var person = new ListedPerson(name, mobile, birthYear, gender, photoId, keyedHash.apply(photoId), category, pincode, language);
        return new Checked.Valid(row.number(), person, preferred);
    }

    /** A row checked: a person to register, or a line of the report saying why not. */
    sealed interface Checked {

        record Valid(int rowNumber, ListedPerson person, Integer preferredCenterId) implements Checked {
        }

        record Invalid(ReportLine line) implements Checked {
        }
    }

    /**
     * The name as it will be registered: runs of spaces, tabs and line breaks made one space. Null
     * unless it has a letter, no digit and at most 100 characters; a cell holding a number is not
     * a name, and is not kept even in the report, since it may be an ID number in the wrong column.
     */
    static String name(String value) {
        if (value == null) {
            return null;
        }
        String name = SPACES.matcher(value).replaceAll(" ").strip();
        if (name.isEmpty() || name.length() > MAX_NAME || !LETTER.matcher(name).find() || DIGIT.matcher(name).find()) {
            return null;
        }
        return name;
    }

    private static Checked refuse(ListRow row, String name, ListColumn column, InvalidValueException e) {
        return new Checked.Invalid(ReportLine.refused(row.number(), name, column, e.code(),
                java.util.Arrays.stream(e.arguments()).map(String::valueOf).toList()));
    }

    private static Checked refuse(ListRow row, String name, ListColumn column, String code, Object... arguments) {
        return new Checked.Invalid(ReportLine.refused(row.number(), name, column, code,
                java.util.Arrays.stream(arguments).map(String::valueOf).toList()));
    }

    private int year(String value) {
        return integer(value).orElseThrow(() -> new InvalidValueException("beneficiary.error.birth-year-range",
                String.valueOf(currentYear.getValue() - BirthYear.OLDEST_AGE), String.valueOf(currentYear.getValue())));
    }

    private static Optional<Integer> integer(String value) {
        try {
            return Optional.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static <E extends Enum<E>> Map<String, E> vocabulary(E[] values, Function<E, String> messageKey,
                                                               Function<E, List<String>> aliases, MessageSource messages) {
        var words = new HashMap<String, E>();
        for (E value : values) {
            words.put(key(value.name()), value);
            for (Locale language : List.of(Locale.ENGLISH, Locale.forLanguageTag("hi"))) {
                words.putIfAbsent(key(messages.getMessage(messageKey.apply(value), null, language)), value);
            }
            aliases.apply(value).forEach(alias -> words.putIfAbsent(key(alias), value));
        }
        return Map.copyOf(words);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** Upper case, with runs of anything but letters, marks and digits made one underscore: "Voter ID (EPIC)" is VOTER_ID_EPIC. */
    static String key(String value) {
        return value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}]+", "_")
                .replaceAll("^_+|_+$", "");
    }
}
