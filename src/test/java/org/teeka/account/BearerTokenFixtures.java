package org.teeka.account;

import org.teeka.platform.Secrets;

import java.time.Clock;
import java.time.Duration;

/** Tokens for tests of the APIs that take them: one signed with the platform's key that has just expired. */
public final class BearerTokenFixtures {

    private BearerTokenFixtures() {
    }

    /** A token for the mobile, signed with the platform's key, that expired a minute ago. */
    public static String expiredToken(Secrets secrets, String mobile) {
        var validity = Duration.ofMinutes(15);
        var issuedLongAgo = Clock.offset(Clock.systemUTC(), validity.plusMinutes(1).negated());
        return new BearerTokens(secrets, new BearerTokenSettings(validity), issuedLongAgo).issue(mobile);
    }
}
