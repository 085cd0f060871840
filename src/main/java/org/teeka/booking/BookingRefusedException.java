package org.teeka.booking;

import org.springframework.http.HttpStatus;
import org.teeka.platform.TeekaException;

/** A booking, reschedule or cancellation that cannot be done; the code says why, in the citizen's words. */
public class BookingRefusedException extends TeekaException {

    BookingRefusedException(HttpStatus status, Refusal refusal) {
        super(status, refusal.code(), refusal.arguments().toArray());
    }

    static BookingRefusedException full(boolean slot) {
        return new BookingRefusedException(HttpStatus.CONFLICT, Refusal.of(slot ? "booking.error.slot-full" : "booking.error.session-full"));
    }

    static BookingRefusedException ineligible(Refusal refusal) {
        return new BookingRefusedException(HttpStatus.UNPROCESSABLE_CONTENT, refusal);
    }

    static BookingRefusedException conflict(String code, Object... arguments) {
        return new BookingRefusedException(HttpStatus.CONFLICT, Refusal.of(code, arguments));
    }

    static BookingRefusedException notFound(String code) {
        return new BookingRefusedException(HttpStatus.NOT_FOUND, Refusal.of(code));
    }

    /**
     * Too many bookings waiting on this node: the request was not booked and may be sent again
     * (503 with {@code Retry-After}).
     */
    static BookingRefusedException busy(java.time.Duration retryAfter) {
        var busy = new BookingRefusedException(HttpStatus.SERVICE_UNAVAILABLE, Refusal.of("booking.error.busy"));
        busy.getHeaders().set(org.springframework.http.HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
        return busy;
    }

    /** The same refusal for another request (an exception is thrown in one thread only). */
    BookingRefusedException copy() {
        var copy = new BookingRefusedException(HttpStatus.valueOf(getStatusCode().value()), new Refusal(code(), java.util.List.of(arguments())));
        copy.getHeaders().putAll(getHeaders());
        return copy;
    }

    /** True when the session or slot was full: the waitlist is the answer. */
    public boolean full() {
        return code().equals("booking.error.session-full") || code().equals("booking.error.slot-full");
    }
}
