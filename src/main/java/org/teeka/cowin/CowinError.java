package org.teeka.cowin;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * CoWIN's error body. {@code errorCode} is one of CoWIN's codes where clients react to one
 * (APPOIN0040 session full for the dose, APPOIN0044 wrong captcha, USRAUT0010 mobile missing);
 * otherwise Teeka's stable code, the same one its own API uses. {@code error} is in the caller's language.
 */
record CowinError(@JsonProperty("errorCode") String errorCode, @JsonProperty("error") String error) {

    static final String SESSION_FULL = "APPOIN0040";
    static final String WRONG_CAPTCHA = "APPOIN0044";
    static final String MOBILE_REQUIRED = "USRAUT0010";

    /** The code a CoWIN client sees for one of Teeka's codes. */
    static String errorCode(String teekaCode) {
        return switch (teekaCode) {
            case "booking.error.session-full" -> SESSION_FULL;
            case "cowin.error.captcha" -> WRONG_CAPTCHA;
            case "cowin.error.mobile-required" -> MOBILE_REQUIRED;
            default -> teekaCode;
        };
    }
}
