package org.teeka.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Mobile OTP rules.
 *
 * @param validity how long a code may be used
 * @param maxAttempts wrong guesses allowed per code
 * @param resendCooldown the least time between two codes to one mobile
 * @param perMobilePerDay codes one mobile may get in a day
 * @param perIpPerDay codes one client address may ask for in a day
 */
@ConfigurationProperties("teeka.otp")
public record OtpSettings(Duration validity, int maxAttempts, Duration resendCooldown, int perMobilePerDay, int perIpPerDay) {
}
