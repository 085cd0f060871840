package org.teeka.platform.web;

import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.Constants;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deadline for receiving a request's line and headers, against slowloris: Tomcat's
 * {@code connection-timeout} bounds the silence between two bytes only, so a client sending its
 * headers one byte a second would hold its connection for hours. Every half second this looks at
 * the connections still reading a request's head and cuts off those that began it longer than
 * {@code teeka.limits.header-timeout} ago (by shortening their read timeout, so that Tomcat's own
 * poller closes them as it closes any timed-out connection). Threads are never held by a slow
 * client (non-blocking reads); this frees the connection slots. The protocol also runs requests on
 * Tomcat's bounded pool of platform threads and times how long each waits for one ({@link QueueDelay}).
 */
@Component
class HeaderDeadline implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final Duration timeout;

    HeaderDeadline(@Value("${teeka.limits.header-timeout:10s}") Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.setProtocol(Protocol.class.getName());
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof Protocol protocol) {
                protocol.headerTimeout = timeout;
            }
        });
    }

    /** Tomcat's NIO HTTP/1.1 protocol with the head deadline; public because Tomcat instantiates it by name. */
    public static class Protocol extends Http11NioProtocol {

        private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);

        volatile Duration headerTimeout = Duration.ofSeconds(10);
        private final AtomicLong cutOff = new AtomicLong();
        private ScheduledExecutorService watchdog;
        private ExecutorService requestThreads;

        @Override
        public void start() throws Exception {
            // Requests run on Tomcat's own pool of platform threads (server.tomcat.threads.max), not on the virtual
            // threads spring.threads.virtual.enabled gives the rest of Teeka: under overload, thousands of request
            // virtual threads queued for two carriers turned every monitor in Tomcat's request path into a convoy
            // (docs/admission-control.md "Threads"). Admission refuses requests that waited too long for a thread
            // (QueueDelay); both set before the endpoint starts.
            setExecutor(null);
            getEndpoint().createExecutor();
            requestThreads = (ExecutorService) getEndpoint().getExecutor();
            setExecutor(QueueDelay.timing(requestThreads));
            super.start();
            watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "teeka-header-deadline");
                thread.setDaemon(true);
                return thread;
            });
            watchdog.scheduleWithFixedDelay(this::cutOffSlowHeads, 500, 500, TimeUnit.MILLISECONDS);
        }

        @Override
        public void stop() throws Exception {
            if (watchdog != null) {
                watchdog.shutdownNow();
            }
            super.stop();
            // the endpoint shuts down only an executor it made itself and still holds; this one is behind QueueDelay
            if (requestThreads != null) {
                requestThreads.shutdown();
                if (!requestThreads.awaitTermination(getEndpoint().getExecutorTerminationTimeoutMillis(), TimeUnit.MILLISECONDS)) {
                    requestThreads.shutdownNow();
                }
            }
        }

        /** Connections cut off so far for sending their head too slowly. */
        public long cutOff() {
            return cutOff.get();
        }

        private void cutOffSlowHeads() {
            try {
                long now = System.nanoTime();
                long limit = headerTimeout.toNanos();
                for (SocketWrapperBase<?> connection : getEndpoint().getConnections()) {
                    if (connection.getCurrentProcessor() instanceof AbstractProcessor processor) {
                        var request = processor.getRequest();
                        long started = request.getStartTimeNanos();
                        int stage = request.getRequestProcessor().getStage();
                        // a processor kept on a connection between reads of an incomplete head is in stage PARSE, or ENDED
                        // once its first attempt returned; while the application serves the request it is never in these
                        boolean readingHead = (stage == Constants.STAGE_PARSE || stage == Constants.STAGE_ENDED)
                                && !processor.isAsync() && !processor.isUpgrade();
                        if (readingHead && started > 0 && now - started > limit && connection.getReadTimeout() != 1) {
                            // the poller closes a connection silent for longer than its read timeout, in its own thread
                            connection.setReadTimeout(1);
                            cutOff.incrementAndGet();
                        }
                    }
                }
            } catch (RuntimeException e) {
                log.warn("could not check connections for slow request heads", e);
            }
        }
    }
}
