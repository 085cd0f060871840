package org.teeka.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Bearer tokens given to API clients after an OTP.
 *
 * @param validity how long a token is accepted; it cannot be withdrawn earlier, so keep it short
 */
@ConfigurationProperties("teeka.bearer-tokens")
public record BearerTokenSettings(Duration validity) {

    public BearerTokenSettings {
        if (validity == null) {
            validity = Duration.ofMinutes(15);
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("teeka.bearer-tokens.validity must be positive");
        }
    }
}
