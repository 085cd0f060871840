package org.teeka.center;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Map;

/**
 * A vaccination center. Its id is public and stable (it is CoWIN's {@code center_id}).
 *
 * @param fees the fee per vaccine code; empty for a free center
 */
public record Center(int id, String name, String nameHi, String address, String addressHi,
                     String blockName, String blockNameHi, int stateId, int districtId, int pincode,
                     BigDecimal latitude, BigDecimal longitude, FeeType feeType,
                     LocalTime opensAt, LocalTime closesAt, Map<String, BigDecimal> fees) {

    public String name(Locale locale) {
        return hindi(locale) && nameHi != null ? nameHi : name;
    }

    public String address(Locale locale) {
        return hindi(locale) && addressHi != null ? addressHi : address;
    }

    public String blockName(Locale locale) {
        return hindi(locale) && blockNameHi != null ? blockNameHi : blockName;
    }

    private static boolean hindi(Locale locale) {
        return "hi".equals(locale.getLanguage());
    }
}
