package org.teeka.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request quotas: a token bucket per quota and caller, held in memory on this node. Going over
 * throws {@link TooManyRequestsException} with the time until the next request is allowed.
 * Buckets of callers not seen for a while are forgotten.
 */
@Component
public class Quotas {

    private final Map<String, Limit> limits;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(30))
            .maximumSize(1_000_000)
            .build();

    /** Callers no quota applies to for now (a node warming itself up before it takes traffic) */
    private final Set<String> exempt = ConcurrentHashMap.newKeySet();

    Quotas(Settings settings) {
        this.limits = settings.limits();
    }

    /** Takes one request from the caller's bucket of the named quota; throws when it is empty. */
    public void take(String quota, String caller) {
        if (!exempt.isEmpty() && exempt.contains(caller)) {
            return;
        }
        Limit limit = limits.get(quota);
        if (limit == null) {
            throw new IllegalArgumentException("quota " + quota + " is not configured");
        }
        Bucket bucket = buckets.get(quota + ":" + caller, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.requests()).refillGreedy(limit.requests(), limit.per()).build())
                .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyRequestsException("request.error.quota",
                    Duration.ofNanos(probe.getNanosToWaitForRefill()).plusMillis(999).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
    }

    /** No quota applies to the caller until the returned handle is closed. */
    public Exemption exempt(String caller) {
        exempt.add(caller);
        return () -> exempt.remove(caller);
    }

    /** The end of an exemption from the quotas. */
    public interface Exemption extends AutoCloseable {

        @Override
        void close();
    }

    /** A quota: so many requests per period. */
    record Limit(int requests, Duration per) {

        static Limit parse(String text) {
            String[] parts = text.strip().split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException("a quota is written requests/period, such as 60/1m: " + text);
            }
            String period = parts[1].strip();
            long amount = Long.parseLong(period.substring(0, period.length() - 1));
            Duration per = switch (period.charAt(period.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new IllegalArgumentException("a quota period ends in s, m or h: " + text);
            };
            return new Limit(Integer.parseInt(parts[0].strip()), per);
        }
    }

    /** The quotas as configured under {@code teeka.quotas}, each "requests/period". */
    @ConfigurationProperties("teeka")
    record Settings(Map<String, String> quotas) {

        Map<String, Limit> limits() {
            var parsed = new java.util.HashMap<String, Limit>();
            (quotas == null ? Map.<String, String>of() : quotas).forEach((name, text) -> parsed.put(name, Limit.parse(text)));
            return Map.copyOf(parsed);
        }
    }
}
