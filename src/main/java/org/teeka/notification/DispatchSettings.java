package org.teeka.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the outbox is sent.
 *
 * @param enabled whether this node sends the outbox at all (and binds to the SMSC)
 * @param batchSize rows claimed by one query
 * @param inFlight messages handed to the gateway and not yet answered, at most
 * @param idlePoll how often an idle dispatcher looks for due rows written by other nodes
 * @param lease how long a claimed row stays invisible to other claims; after a crash it is sent
 *              again once this has passed, so it must exceed the gateway's longest wait
 * @param maxAttempts attempts after which a message is given up as DEAD
 * @param retryBase pause after the first failed attempt; it doubles with each attempt
 * @param retryMax longest pause between attempts
 */
@ConfigurationProperties("teeka.sms.dispatch")
record DispatchSettings(Boolean enabled, int batchSize, int inFlight, Duration idlePoll, Duration lease, int maxAttempts,
                        Duration retryBase, Duration retryMax) {

    DispatchSettings {
        enabled = enabled == null || enabled;
        batchSize = batchSize <= 0 ? 200 : batchSize;
        inFlight = inFlight <= 0 ? 400 : inFlight;
        idlePoll = idlePoll == null ? Duration.ofMillis(250) : idlePoll;
        lease = lease == null ? Duration.ofSeconds(60) : lease;
        maxAttempts = maxAttempts <= 0 ? 8 : maxAttempts;
        retryBase = retryBase == null ? Duration.ofSeconds(5) : retryBase;
        retryMax = retryMax == null ? Duration.ofMinutes(10) : retryMax;
    }
}
