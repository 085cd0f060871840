package org.teeka.booking;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Group commit of bookings ({@code teeka.booking.batch}): requests to book a chosen session wait in
 * a queue; a writer takes up to {@code maxSize} of them and books them all in one transaction.
 *
 * @param maxSize claims booked in one transaction at most; 200 when not set
 * @param writers writers draining the queue at once, each with its own transaction; 2 when not set
 * @param claimTimeout how long a claim may wait for a writer; one not taken by then is answered
 *                     "busy, try again" and never booked; 10 s when not set
 * @param retryAfter what {@code Retry-After} tells a client answered "busy"; 1 s when not set
 */
@ConfigurationProperties("teeka.booking.batch")
record BookingBatchSettings(int maxSize, int writers, Duration claimTimeout, Duration retryAfter) {

    BookingBatchSettings {
        maxSize = maxSize <= 0 ? 200 : maxSize;
        writers = writers <= 0 ? 2 : writers;
        claimTimeout = claimTimeout == null ? Duration.ofSeconds(10) : claimTimeout;
        retryAfter = retryAfter == null ? Duration.ofSeconds(1) : retryAfter;
    }
}
