package org.teeka.geo;

/** An Indian state or union territory; {@code nameHi} is null where no Hindi name is known. */
public record State(int id, String name, String nameHi) {

    /** The name in the given language, falling back to English. */
    public String name(java.util.Locale locale) {
        return "hi".equals(locale.getLanguage()) && nameHi != null ? nameHi : name;
    }
}
