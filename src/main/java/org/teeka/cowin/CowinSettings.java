package org.teeka.cowin;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The CoWIN API's settings.
 *
 * @param publicCacheTtl how long a public availability answer is served from memory, counted from
 *                       the moment its database read began; 4 s by default, so nothing older than
 *                       5 s is ever served
 * @param captcha whether booking and rescheduling need the answer to the last captcha from
 *                {@code getRecaptcha}; off by default
 * @param registrationPincode where a beneficiary registered without a location is placed (CoWIN's
 *                            registration has no address; Teeka's needs a PIN code and district):
 *                            used only when the request names no {@code pincode} and the mobile
 *                            has no family member to take it from
 * @param slotObjects serve {@code slots} as {@code {"time","seats"}} objects instead of the 2021
 *                    strings when the request does not say ({@code ?slots=objects|strings})
 */
@ConfigurationProperties("teeka.cowin")
record CowinSettings(Duration publicCacheTtl, boolean captcha, Integer registrationPincode, boolean slotObjects) {

    CowinSettings {
        if (publicCacheTtl == null) {
            publicCacheTtl = Duration.ofSeconds(4);
        }
        if (publicCacheTtl.isNegative()) {
            throw new IllegalArgumentException("teeka.cowin.public-cache-ttl must not be negative");
        }
    }
}
