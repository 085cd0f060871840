package org.teeka.cowin;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Public availability answers held in memory, so the bots that poll them do not reach the
 * database. An answer is served until its time to live has passed since its database read
 * <em>began</em> (not since it was stored), so what a caller sees is never older than that,
 * however slow the read was. Callers asking for the same thing while it is read wait for that one
 * read instead of starting their own. A failed read is not kept.
 */
@Component
class PublicAvailability {

    private record Read(long startedAt, Object answer) {
    }

    private final AsyncCache<List<Object>, Read> answers;
    private final Ticker ticker;
    private final Executor readers;

    @Autowired
    PublicAvailability(CowinSettings settings) {
        this(settings.publicCacheTtl(), Ticker.systemTicker(), Executors.newVirtualThreadPerTaskExecutor());
    }

    PublicAvailability(Duration timeToLive, Ticker ticker, Executor readers) {
        long ttl = timeToLive.toNanos();
        this.ticker = ticker;
        this.readers = readers;
        this.answers = Caffeine.newBuilder()
                // answers live seconds, so this bounds memory only against a flood of distinct questions
                .maximumSize(10_000)
                .ticker(ticker)
                .executor(readers)
                .expireAfter(new Expiry<List<Object>, Read>() {
                    @Override
                    public long expireAfterCreate(List<Object> key, Read read, long now) {
                        return Math.max(0, read.startedAt() + ttl - now);
                    }

                    @Override
                    public long expireAfterUpdate(List<Object> key, Read read, long now, long current) {
                        return Math.max(0, read.startedAt() + ttl - now);
                    }

                    @Override
                    public long expireAfterRead(List<Object> key, Read read, long now, long current) {
                        return current;
                    }
                })
                .buildAsync();
    }

    /** The answer to the question the key names: from memory while fresh, else read now by {@code reader}. */
    @SuppressWarnings("unchecked")
    <T> T answer(List<Object> key, Supplier<T> reader) {
        try {
            return (T) answers.get(key, (k, executor) -> CompletableFuture.supplyAsync(
                    () -> new Read(ticker.read(), reader.get()), readers)).join().answer();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }
}
