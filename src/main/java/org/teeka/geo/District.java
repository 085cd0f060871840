package org.teeka.geo;

/** A district of a state; {@code nameHi} is null where no Hindi name is known. */
public record District(int id, int stateId, String name, String nameHi) {

    /** The name in the given language, falling back to English. */
    public String name(java.util.Locale locale) {
        return "hi".equals(locale.getLanguage()) && nameHi != null ? nameHi : name;
    }
}
