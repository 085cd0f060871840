package org.teeka.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Map;

/**
 * Admission control ({@code teeka.admission}): how many requests of each class may run at once on
 * this node, how long an arriving request may wait for a place, and the citizens' waiting room.
 *
 * @param enabled when false every request runs (the limits of Tomcat and the database remain)
 * @param classes the bound per request class (public-api, citizen-pages, writes, staff)
 * @param retryAfter what {@code Retry-After} tells a refused client
 * @param waitingRoom the queue for citizens' pages
 * @param maxQueueDelay a request that waited longer than this for a thread to run on (the CPU is
 *                      saturated) is refused at once, whatever its class's bound; zero turns this off
 */
@ConfigurationProperties("teeka.admission")
record AdmissionSettings(boolean enabled, Map<String, Bound> classes, Duration retryAfter, WaitingRoomSettings waitingRoom,
                         Duration maxQueueDelay) {

    AdmissionSettings {
        maxQueueDelay = maxQueueDelay == null ? Duration.ofSeconds(1) : maxQueueDelay;
        classes = classes == null ? Map.of() : Map.copyOf(classes);
        retryAfter = retryAfter == null ? Duration.ofSeconds(2) : retryAfter;
        waitingRoom = waitingRoom == null ? new WaitingRoomSettings(null, null, null, null, 0, null, null) : waitingRoom;
    }

    /** The bound of one class; a class not configured gets this default. */
    Bound bound(RequestClass requestClass) {
        Bound bound = classes.get(requestClass.key());
        return bound != null ? bound : new Bound(requestClass.defaultConcurrency(), Duration.ofMillis(50));
    }

    /**
     * @param maxConcurrent requests of the class running at once
     * @param maxWait how long an arriving request may wait for a place before it is refused
     */
    record Bound(int maxConcurrent, Duration maxWait) {

        Bound {
            if (maxConcurrent < 1) {
                throw new IllegalArgumentException("teeka.admission.classes.*.max-concurrent must be at least 1, not " + maxConcurrent);
            }
            maxWait = maxWait == null ? Duration.ZERO : maxWait;
        }
    }

    /**
     * @param refresh how often the waiting-room page reloads itself
     * @param nearRefresh how often it reloads once its holder has been called or soon will be ({@code WaitingRoom#near}),
     *                    so that the called come back for their place within moments
     * @param farRefresh how often it reloads for someone who will likely wait more than a minute ({@code WaitingRoom#far}):
     *                   tens of thousands refreshing every few seconds are themselves an overload; below the ticket lifetime
     * @param ticketTtl a ticket not refreshed for this long gives up its place
     * @param maxLength the most people waiting; past it the page says to come back later
     * @param recountEvery how often the positions are recounted (at most), which also drops lapsed tickets
     * @param admittedFor how long a person let in from the queue goes on to the next pages without queueing again
     */
    record WaitingRoomSettings(Duration refresh, Duration nearRefresh, Duration farRefresh, Duration ticketTtl, int maxLength,
                               Duration recountEvery, Duration admittedFor) {

        WaitingRoomSettings {
            refresh = refresh == null ? Duration.ofSeconds(5) : refresh;
            nearRefresh = nearRefresh == null ? Duration.ofSeconds(1) : nearRefresh;
            farRefresh = farRefresh == null ? Duration.ofSeconds(15) : farRefresh;
            ticketTtl = ticketTtl == null ? refresh.multipliedBy(4) : ticketTtl;
            maxLength = maxLength <= 0 ? 50_000 : maxLength;
            recountEvery = recountEvery == null ? Duration.ofMillis(100) : recountEvery;
            admittedFor = admittedFor == null ? Duration.ofMinutes(10) : admittedFor;
        }
    }
}
