package org.teeka.notification;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gateway the dispatcher uses: the configured gateways in order of preference (SMPP, then
 * HTTP), each behind a Resilience4j circuit breaker. A message goes through the first gateway that
 * is ready and whose breaker lets it through. A breaker opens when too many calls fail (the
 * message never left, or no answer came) and, at once, when an SMPP link that was bound is lost;
 * while it is open its gateway is skipped; after {@code open-for} it lets a few probes through
 * and closes again if they succeed, and traffic goes back to it. A rejection (the operator
 * answered, and refused this message) is not a failure of the gateway.
 *
 * <p>One attempt of a message never goes out through two gateways: only when a gateway says it
 * certainly did not send it ({@code NOT_SENT}) is the next one tried in the same attempt; an
 * unconfirmed or rejected message ends the attempt, and the outbox's retry rules take over.
 *
 * <p>Metrics: {@code resilience4j_circuitbreaker_state{name=smpp|http,state=...}} and the other
 * Resilience4j breaker meters; {@code teeka_sms_gateway_active{gateway}} (1 for the gateway new
 * messages go to, 0 for the others), {@code teeka_sms_gateway_switches_total} and
 * {@code teeka_sms_gateway_sent_total{gateway}}. Each switch is logged at INFO once.
 */
@Component
@Primary
@ConditionalOnBooleanProperty(name = "teeka.sms.dispatch.enabled", matchIfMissing = true)
class FailoverSmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(FailoverSmsGateway.class);
    static final String NONE = "none";

    /** One gateway with its breaker; {@code everReady} keeps a link that never came up from counting as lost. */
    private static final class Member {
        final String name;
        final SmsGateway gateway;
        final CircuitBreaker breaker;
        final Counter sent;
        volatile boolean everReady;

        Member(String name, SmsGateway gateway, CircuitBreaker breaker, Counter sent) {
            this.name = name;
            this.gateway = gateway;
            this.breaker = breaker;
            this.sent = sent;
        }

        boolean open() {
            var state = breaker.getState();
            return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
        }
    }

    private final List<Member> members = new ArrayList<>();
    private final AtomicReference<String> active = new AtomicReference<>();
    private final Counter switches;
    private boolean hadActive;

    FailoverSmsGateway(SmppSmsGateway smpp, ObjectProvider<HttpSmsGateway> http, FailoverSettings settings, DispatchSignal signal,
                       MeterRegistry meters) {
        var config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindow())
                .minimumNumberOfCalls(Math.min(settings.minimumCalls(), settings.slidingWindow()))
                .failureRateThreshold(settings.failureRate())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.probes())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
        var breakers = CircuitBreakerRegistry.of(config);
        Map<String, SmsGateway> available = new java.util.LinkedHashMap<>();
        available.put("smpp", smpp);
        HttpSmsGateway httpGateway = http.getIfAvailable();
        if (httpGateway != null) {
            available.put("http", httpGateway);
        }
        for (String name : settings.order()) {
            SmsGateway gateway = available.get(name);
            if (gateway != null && members.stream().noneMatch(m -> m.name.equals(name))) {
                members.add(new Member(name, gateway, breakers.circuitBreaker(name),
                        meters.counter("teeka.sms.gateway.sent", "gateway", name)));
            }
        }
        if (members.isEmpty()) {
            throw new IllegalStateException("teeka.sms.failover.order names no enabled gateway: " + settings.order());
        }
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        this.switches = meters.counter("teeka.sms.gateway.switches");
        for (Member member : members) {
            Gauge.builder("teeka.sms.gateway.active", () -> member.name.equals(active.get()) ? 1 : 0)
                    .tag("gateway", member.name)
                    .description("1 for the SMS gateway new messages go to")
                    .register(meters);
            member.breaker.getEventPublisher().onStateTransition(event -> {
                log.debug("SMS gateway {}: circuit breaker {}", member.name, event.getStateTransition());
                refresh();
                // half-open (probes may go) or closed: the dispatcher need not wait for its next poll
                signal.wake();
            });
        }
        log.info("SMS gateways in order of preference: {}", members.stream().map(m -> m.name).toList());
    }

    /** A gateway is ready and its breaker is not open. */
    @Override
    public boolean ready() {
        refresh();
        return members.stream().anyMatch(m -> !m.open() && m.gateway.ready());
    }

    /**
     * No gateway takes messages freely, but a half-open breaker lets its {@code probes} through.
     * Handed a batch, the messages would race for those few places and the losers would wait a
     * second as never sent, an OTP behind the bulk sent meanwhile: so the dispatcher sends one at
     * a time while this holds.
     */
    @Override
    public boolean probing() {
        refresh();
        return NONE.equals(active.get())
                && members.stream().anyMatch(m -> m.breaker.getState() == CircuitBreaker.State.HALF_OPEN && m.gateway.ready());
    }

    /** The gateway new messages go to now: {@code smpp}, {@code http} or {@code none}. */
    String active() {
        refresh();
        return active.get();
    }

    @Override
    public String send(OutgoingSms sms) throws SmsNotSentException {
        SmsNotSentException notSent = null;
        for (Member member : members) {
            if (member.open() || !member.gateway.ready()) {
                continue;
            }
            if (!member.breaker.tryAcquirePermission()) {
                continue;
            }
            long start = System.nanoTime();
            try {
                String id = member.gateway.send(sms);
                member.breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                member.sent.increment();
                return id;
            } catch (SmsNotSentException e) {
                if (e.outcome() == SmsNotSentException.Outcome.REJECTED) {
                    // the operator answered: the gateway works, this message was refused
                    member.breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    throw e;
                }
                member.breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                refresh();
                if (e.outcome() == SmsNotSentException.Outcome.UNCONFIRMED) {
                    // it may have left: never send the same attempt through another gateway
                    throw e;
                }
                notSent = e;
            } catch (RuntimeException e) {
                member.breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                throw e;
            }
        }
        throw notSent != null ? notSent
                : new SmsNotSentException(SmsNotSentException.Outcome.NOT_SENT, "no SMS gateway is available");
    }

    /**
     * Opens the breaker of a gateway whose link was up and is lost (an SMPP session that is no
     * longer bound: every call would fail), and works out which gateway is active.
     */
    private synchronized void refresh() {
        String preferred = null;
        for (Member member : members) {
            boolean ready = member.gateway.ready();
            if (ready) {
                member.everReady = true;
            } else if (member.everReady && !member.open()) {
                try {
                    member.breaker.transitionToOpenState();
                } catch (IllegalStateException e) {
                    // another thread moved it meanwhile
                }
            }
            var state = member.breaker.getState();
            if (ready && preferred == null && (state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.DISABLED)) {
                preferred = member.name;
            }
        }
        // a half-open gateway only takes probes: it is active again once they succeeded and it closed
        String now = preferred != null ? preferred : NONE;
        String before = active.getAndSet(now);
        if (Objects.equals(before, now)) {
            return;
        }
        if (!hadActive) {
            // the first gateway to come up at start is no switch
            if (!NONE.equals(now)) {
                hadActive = true;
                log.info("SMS gateway {} takes messages", now);
            }
        } else {
            switches.increment();
            log.info("SMS gateway switched from {} to {}{}", before, now, NONE.equals(now) ? ": no gateway takes messages, they wait in the outbox" : "");
        }
    }
}
