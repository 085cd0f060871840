package org.teeka.cowin;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.apache.tomcat.util.http.parser.AcceptEncoding;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Public availability answers held in memory, so the bots that poll them do not reach the
 * database. An answer is served until its time to live has passed since its database read
 * <em>began</em> (not since it was stored), so what a caller sees is never older than that,
 * however slow the read was. Callers asking for the same thing while it is read wait for that one
 * read instead of starting their own. A failed read is not kept.
 *
 * <p>Each answer is also kept as the exact bytes of its JSON body, plain and gzipped, each with a
 * strong ETag ({@link #body}), written once per read, so that a hit costs no serialisation ({@link PublicAvailabilityFilter}
 * serves such hits straight from these bytes). An answer served from its bytes in the last
 * {@code refreshAhead} of its life (half of it by default) starts the next read in the background,
 * so that under steady polling the answer is renewed before it expires and no caller waits for the
 * database; the renewed answer's age counts from its own read.
 */
@Component
class PublicAvailability {

    /**
     * The body of an answer as written on the wire, plain and gzipped, each with its own strong entity
     * tag (quoted): most callers (browsers, scripts) take gzip, which is about an eighth of the bytes to
     * write and to carry, compressed once per read instead of once per answer.
     */
    record Body(Encoded plain, Encoded gzip) {

        static Body of(byte[] json) {
            String tag = tag(json);
            return new Body(new Encoded(json, "\"" + tag + "\"", null), new Encoded(gzipped(json), "\"" + tag + "-gzip\"", "gzip"));
        }

        /** The body for a caller that sent this {@code Accept-Encoding} (null for none): gzipped if it takes gzip. */
        Encoded encodedFor(String acceptEncoding) {
            return takesGzip(acceptEncoding) ? gzip : plain;
        }

        private static String tag(byte[] json) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
                return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JDK", e);
            }
        }

        private static byte[] gzipped(byte[] json) {
            var bytes = new ByteArrayOutputStream(json.length / 4 + 64);
            try (var gzip = new GZIPOutputStream(bytes)) {
                gzip.write(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }

    /** One representation of a body: its bytes, its entity tag and its {@code Content-Encoding} (null: none). */
    record Encoded(byte[] bytes, String etag, String contentEncoding) {
    }

    /** Whether {@code Accept-Encoding} takes gzip (RFC 9110 12.5.3: named, or by {@code *}, with a quality above 0). */
    static boolean takesGzip(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.isBlank()) {
            return false;
        }
        List<AcceptEncoding> codings;
        try {
            codings = AcceptEncoding.parse(new StringReader(acceptEncoding));
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
        Double any = null;
        for (AcceptEncoding coding : codings) {
            String name = coding.getEncoding().toLowerCase(Locale.ROOT);
            if (name.equals("gzip") || name.equals("x-gzip")) {
                return coding.getQuality() > 0;
            }
            if (name.equals("*")) {
                any = coding.getQuality();
            }
        }
        return any != null && any > 0;
    }

    /** A body as served now, and how many whole seconds it may still be kept by whoever receives it. */
    record Served(Body body, long secondsLeft) {
    }

    /** One database read: when it began, its answer (null for none, such as an unknown center), and that answer's bytes. */
    private static final class Read {
        final long startedAt;
        final Object answer;
        final Body body;
        final Supplier<?> reader;
        final AtomicBoolean renewing = new AtomicBoolean();

        Read(long startedAt, Object answer, Body body, Supplier<?> reader) {
            this.startedAt = startedAt;
            this.answer = answer;
            this.body = body;
            this.reader = reader;
        }
    }

    private final AsyncCache<Object, Read> answers;
    private final Ticker ticker;
    private final Executor readers;
    private final Executor renewers;
    private final Function<Object, byte[]> writer;
    private final long ttl;
    private final long refreshAhead;

    /**
     * Reads ahead start when half the time to live is left, on platform threads of their own: under
     * overload thousands of requests' virtual threads wait for the two cores, and a read ahead queued
     * behind them would come too late.
     */
    @Autowired
    PublicAvailability(CowinSettings settings, JsonMapper json) {
        this(settings.publicCacheTtl(), Ticker.systemTicker(), Executors.newVirtualThreadPerTaskExecutor(),
                Executors.newFixedThreadPool(2, Thread.ofPlatform().name("public-availability-ahead-", 0).daemon().factory()),
                json::writeValueAsBytes, settings.publicCacheTtl().dividedBy(2));
    }

    /** For tests of the objects alone: bodies are the answers' text, and nothing is read ahead. */
    PublicAvailability(Duration timeToLive, Ticker ticker, Executor readers) {
        this(timeToLive, ticker, readers, readers, answer -> String.valueOf(answer).getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }

    PublicAvailability(Duration timeToLive, Ticker ticker, Executor readers, Function<Object, byte[]> writer, Duration refreshAhead) {
        this(timeToLive, ticker, readers, readers, writer, refreshAhead);
    }

    PublicAvailability(Duration timeToLive, Ticker ticker, Executor readers, Executor renewers, Function<Object, byte[]> writer,
                       Duration refreshAhead) {
        long ttl = timeToLive.toNanos();
        this.ttl = ttl;
        this.refreshAhead = Math.min(refreshAhead.toNanos(), ttl);
        this.ticker = ticker;
        this.readers = readers;
        this.renewers = renewers;
        this.writer = writer;
        this.answers = Caffeine.newBuilder()
                // answers live seconds, so this bounds memory only against a flood of distinct questions
                .maximumSize(10_000)
                .ticker(ticker)
                .executor(readers)
                .expireAfter(new Expiry<Object, Read>() {
                    @Override
                    public long expireAfterCreate(Object key, Read read, long now) {
                        return Math.max(0, read.startedAt + ttl - now);
                    }

                    @Override
                    public long expireAfterUpdate(Object key, Read read, long now, long current) {
                        return Math.max(0, read.startedAt + ttl - now);
                    }

                    @Override
                    public long expireAfterRead(Object key, Read read, long now, long current) {
                        return current;
                    }
                })
                .buildAsync();
    }

    /** The answer to the question the key names: from memory while fresh, else read now by {@code reader}. */
    @SuppressWarnings("unchecked")
    <T> T answer(Object key, Supplier<T> reader) {
        return (T) read(key, reader).answer;
    }

    /**
     * The body of the answer to the question the key names, from memory while fresh, else read now by
     * {@code reader}; empty when the reader found nothing (null).
     */
    Optional<Served> body(Object key, Supplier<?> reader) {
        return served(read(key, reader));
    }

    /**
     * The body of a fresh answer already in memory, without reading; empty when there is none (never
     * asked, expired, failed, or an answer of nothing). An answer another caller is reading is
     * waited for. Near the end of its life it starts the next read in the background.
     */
    Optional<Served> fresh(Object key) {
        CompletableFuture<Read> reading = answers.getIfPresent(key);
        if (reading == null) {
            return Optional.empty();
        }
        Read read;
        try {
            // a read under way (another caller's miss) is waited for here: it is no miss of this caller's
            read = reading.get(ttl, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException failedOrSlow) {
            return Optional.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        long age = ticker.read() - read.startedAt;
        if (age >= ttl) {
            return Optional.empty();
        }
        if (refreshAhead > 0 && age >= ttl - refreshAhead && read.renewing.compareAndSet(false, true)) {
            renew(key, read);
        }
        return served(read);
    }

    private void renew(Object key, Read stale) {
        CompletableFuture.runAsync(() -> {
            Read renewed = readNow(stale.reader);
            answers.put(key, CompletableFuture.completedFuture(renewed));
        }, renewers).exceptionally(failed -> {
            // the old answer stays until it expires; the next caller after that reads again
            stale.renewing.set(false);
            return null;
        });
    }

    private Optional<Served> served(Read read) {
        if (read.body == null) {
            return Optional.empty();
        }
        long left = read.startedAt + ttl - ticker.read();
        return Optional.of(new Served(read.body, Math.max(0, left / 1_000_000_000L)));
    }

    private Read read(Object key, Supplier<?> reader) {
        try {
            return answers.get(key, (k, executor) -> CompletableFuture.supplyAsync(() -> readNow(reader), readers)).join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    private Read readNow(Supplier<?> reader) {
        long startedAt = ticker.read();
        Object answer = reader.get();
        return new Read(startedAt, answer, answer == null ? null : Body.of(writer.apply(answer)), reader);
    }
}
