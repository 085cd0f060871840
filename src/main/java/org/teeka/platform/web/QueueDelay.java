package org.teeka.platform.web;

import java.util.concurrent.Executor;

/**
 * How long the request being served waited for a thread to run on. Tomcat hands each request to
 * its executor, a queue in front of its pool of request threads, and when the CPU is saturated or
 * every thread is busy that queue, not any bound of Teeka's, is where requests wait (the
 * launch-day benchmark saw 7,700 requests queued there and clients timing out after 20 s).
 * {@link #timing} wraps Tomcat's executor to note when each request was handed over;
 * {@link Admission} refuses at once a request that waited longer than
 * {@code teeka.admission.max-queue-delay}, since its client is already waiting too long and
 * serving it would only make every later request wait longer still.
 */
final class QueueDelay {

    private static final ThreadLocal<Long> HANDED_OVER_AT = new ThreadLocal<>();

    private QueueDelay() {
    }

    /** Tomcat's executor, noting when each task was handed to it. */
    static Timing timing(Executor executor) {
        return new Timing(executor);
    }

    /** An executor that notes when each task was handed to it, then hands it to {@code executor}. */
    record Timing(Executor executor) implements Executor {

        @Override
        public void execute(Runnable task) {
            long handedOverAt = System.nanoTime();
            executor.execute(() -> {
                HANDED_OVER_AT.set(handedOverAt);
                try {
                    task.run();
                } finally {
                    HANDED_OVER_AT.remove();
                }
            });
        }
    }

    /** How long the current request waited between Tomcat handing it over and a thread running it; 0 when unknown. */
    static long waitedNanos() {
        Long handedOverAt = HANDED_OVER_AT.get();
        return handedOverAt == null ? 0 : System.nanoTime() - handedOverAt;
    }
}
