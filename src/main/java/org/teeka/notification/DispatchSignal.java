package org.teeka.notification;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes this node's dispatcher when a message was committed here, so an OTP does not wait for the next poll. */
@Component
class DispatchSignal {

    private final Semaphore signal = new Semaphore(0);

    void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /** Waits until woken or the timeout has passed. */
    void await(Duration timeout) throws InterruptedException {
        if (signal.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            signal.drainPermits();
        }
    }
}
