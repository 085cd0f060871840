package org.teeka.vaccination;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The lookup quota of each staff account at the center console: at most {@code perWindow}
 * lookups in each fixed window of {@code window}, and {@code perDay} in a calendar day (India time).
 */
@ConfigurationProperties("teeka.console.lookups")
public record LookupSettings(@DefaultValue("60") int perWindow, @DefaultValue("10m") Duration window, @DefaultValue("300") int perDay) {

    public LookupSettings {
        if (perWindow < 1 || perDay < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("teeka.console.lookups: per-window, per-day and window must be positive");
        }
    }
}
