package org.teeka.platform;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.time.Duration;

/** The caller is over a quota; {@code Retry-After} says when to come back. */
public class TooManyRequestsException extends TeekaException {

    private final Duration retryAfter;

    public TooManyRequestsException(String code, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, code, Math.max(1, retryAfter.toSeconds()));
        this.retryAfter = retryAfter;
        getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
