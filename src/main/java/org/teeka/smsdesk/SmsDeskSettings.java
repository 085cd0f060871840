package org.teeka.smsdesk;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The staff SMS desk ({@code teeka.smsdesk}).
 *
 * @param undeliveredAfter an appointment SMS not delivered this long after it was written puts its
 *                         person on the center's call list (as a failed or dead one does at once); 2 hours when not set
 */
@ConfigurationProperties("teeka.smsdesk")
public record SmsDeskSettings(Duration undeliveredAfter) {

    public SmsDeskSettings {
        if (undeliveredAfter == null || undeliveredAfter.isNegative()) {
            undeliveredAfter = Duration.ofHours(2);
        }
    }
}
