package org.teeka.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Failover between the SMS gateways, one circuit breaker each (Resilience4j).
 *
 * @param order the gateways by preference ({@code smpp}, {@code http}); those not enabled are left out
 * @param slidingWindow how many recent calls a breaker judges
 * @param minimumCalls calls needed before the failure rate counts
 * @param failureRate percentage of failed calls (never sent, or unconfirmed) that opens the breaker
 * @param openFor how long an open breaker sends nothing through its gateway before it lets probes through
 * @param probes calls a half-open breaker lets through; if they succeed it closes again
 */
@ConfigurationProperties("teeka.sms.failover")
record FailoverSettings(List<String> order, int slidingWindow, int minimumCalls, float failureRate, Duration openFor, int probes) {

    FailoverSettings {
        order = order == null || order.isEmpty() ? List.of("smpp", "http") : List.copyOf(order);
        slidingWindow = slidingWindow <= 0 ? 20 : slidingWindow;
        minimumCalls = minimumCalls <= 0 ? 10 : minimumCalls;
        failureRate = failureRate <= 0 || failureRate > 100 ? 50 : failureRate;
        openFor = openFor == null || openFor.isNegative() || openFor.isZero() ? Duration.ofSeconds(5) : openFor;
        probes = probes <= 0 ? 3 : probes;
        for (String name : order) {
            if (!List.of("smpp", "http").contains(name)) {
                throw new IllegalArgumentException("teeka.sms.failover.order may name smpp and http, not " + name);
            }
        }
    }
}
