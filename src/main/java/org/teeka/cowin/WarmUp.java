package org.teeka.cowin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.teeka.platform.Quotas;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Warms this node up before it reports itself ready ({@code /actuator/health/readiness}). A JVM just
 * started serves the public availability calls several times slower until the JIT has compiled
 * their path, and a node that takes launch-day traffic cold falls behind and does not catch up: in
 * the launch-day benchmark 8,000 and then 12,000 calls/s offered to a node just started were
 * answered at 4,400/s and 6,200/s with p99 of seconds, the generator's connections exhausted; after
 * this warm-up the node held 12,000/s with p99 26 ms in the second step, and with the generator
 * warmed too it held the first (docs/launch-bench-history.md "A node that warms itself").
 *
 * <p>Spring Boot publishes that the application accepts traffic right after the listeners of
 * {@link ApplicationReadyEvent} return, so this listener sends, before that,
 * {@code teeka.warm-up.requests} calendarByDistrict calls over loopback HTTP through the real
 * Tomcat, filters and cache (the districts that have centers in turn, English and Hindi), from
 * {@code teeka.warm-up.connections} connections, for at most {@code teeka.warm-up.max-time}. A
 * load balancer that follows readiness sends the node nothing meanwhile. The per-address quota does
 * not count these calls: they come from the node's own address, exempt only meanwhile. Reads only.
 */
@Component
class WarmUp {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    /**
     * @param requests calls to send before the node reports ready; 0 turns the warm-up off
     * @param connections calls sent at once
     * @param maxTime the warm-up ends after this long, however many calls were sent
     */
    @ConfigurationProperties("teeka.warm-up")
    record Settings(int requests, int connections, Duration maxTime) {

        Settings {
            connections = connections < 1 ? 4 : connections;
            maxTime = maxTime == null ? Duration.ofSeconds(30) : maxTime;
        }
    }

    private final Settings settings;
    private final JdbcClient jdbc;
    private final Quotas quotas;
    private final Clock clock;
    private final Environment environment;

    WarmUp(Settings settings, JdbcClient jdbc, Quotas quotas, Clock clock, Environment environment) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.quotas = quotas;
        this.clock = clock;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() throws IOException {
        int port = environment.getProperty("local.server.port", Integer.class, 0);
        if (settings.requests() <= 0 || port <= 0) {
            return;
        }
        if (environment.getProperty("server.ssl.enabled", Boolean.class, false)) {
            log.info("no warm-up: the server speaks TLS only");
            return;
        }
        List<Integer> districts = jdbc.sql("select distinct district_id from centers order by district_id limit 20")
                .query(Integer.class).list();
        if (districts.isEmpty()) {
            log.info("no warm-up: no district has a center yet");
            return;
        }
        InetAddress server = serverAddress();
        String host = server instanceof Inet6Address ? "[" + server.getHostAddress() + "]" : server.getHostAddress();
        String base = "http://" + host + ":" + port + environment.getProperty("server.servlet.context-path", "")
                + PublicAvailabilityFilter.PREFIX + "calendarByDistrict?date=" + CowinDates.format(LocalDate.now(clock)) + "&district_id=";
        long started = System.nanoTime();
        long deadline = started + settings.maxTime().toNanos();
        var next = new AtomicInteger();
        var answered = new AtomicInteger();
        var failure = new AtomicReference<Exception>();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        // calls from this host reach Tomcat from the address they are sent to
        try (var exemption = quotas.exempt(server.getHostAddress()); var senders = Executors.newFixedThreadPool(settings.connections())) {
            for (int c = 0; c < settings.connections(); c++) {
                senders.execute(() -> {
                    int call;
                    while ((call = next.getAndIncrement()) < settings.requests() && System.nanoTime() < deadline && failure.get() == null) {
                        var request = HttpRequest.newBuilder(URI.create(base + districts.get(call % districts.size())))
                                .header(HttpHeaders.ACCEPT_LANGUAGE, call % 2 == 0 ? "en" : "hi")
                                // most callers take gzip, some not: both answers warm
                                .header(HttpHeaders.ACCEPT_ENCODING, call % 4 < 3 ? "gzip, deflate" : "identity")
                                .timeout(Duration.ofSeconds(10)).build();
                        try {
                            if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                                answered.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failure.compareAndSet(null, e);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            failure.compareAndSet(null, e);
                        }
                    }
                });
            }
        } finally {
            http.close();
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        if (failure.get() != null) {
            log.warn("warm-up stopped after {} calls in {} ms: {}", answered.get(), millis, failure.get().toString());
        } else {
            log.info("warmed up: {} of {} availability calls answered in {} ms", answered.get(), Math.min(next.get(), settings.requests()), millis);
        }
    }

    /** Where this host reaches its own server: the address it listens on, or loopback when it listens on all. */
    private InetAddress serverAddress() throws IOException {
        String address = environment.getProperty("server.address");
        InetAddress listening = address == null || address.isBlank() ? null : InetAddress.getByName(address);
        return listening == null || listening.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : listening;
    }
}
