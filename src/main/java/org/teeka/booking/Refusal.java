package org.teeka.booking;

import java.util.List;

/** Why a beneficiary may not take a place: a message key and its arguments, read by the citizen. */
public record Refusal(String code, List<Object> arguments) {

    public static Refusal of(String code, Object... arguments) {
        return new Refusal(code, List.of(arguments));
    }
}
