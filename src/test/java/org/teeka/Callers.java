package org.teeka;

import org.springframework.core.NestedExceptionUtils;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The in-process benchmarks' load: {@code callers} threads, each taking the next item still
 * waiting and doing {@code work} with it, one after another, until none is left (a closed loop: as
 * fast as the code under test answers). Platform threads, as Tomcat's request threads are: with 64
 * virtual threads borrowing from a pool of 4, Hikari let some wait past the connection timeout
 * while others took connections again and again (68 timeouts in 8 s; none on platform threads, the
 * longest wait 138 ms; HikariCP issue 1909), and a benchmark on virtual threads measured that. Timed from the first call to the last answer,
 * with the CPU this JVM (Teeka and its callers) and PostgreSQL used meanwhile ({@link CpuUse}).
 */
public final class Callers {

    private Callers() {
    }

    /** What one run came to: items done, items whose work threw (how many by root cause), time, CPU. */
    public record Result(long done, long failed, Map<String, Long> failures, long nanos, String cpu) {

        public double perSecond() {
            return done / (nanos / 1e9);
        }
    }

    /** @param what one item's work, for the CPU per item ("booking") */
    public static <T> Result run(int callers, List<T> items, String what, Consumer<T> work) {
        var waiting = new ConcurrentLinkedQueue<>(items);
        var done = new AtomicLong();
        var failed = new AtomicLong();
        var failures = new ConcurrentHashMap<String, Long>();
        CpuUse before = CpuUse.now(ProcessHandle.current().pid());
        long start = System.nanoTime();
        try (var threads = Executors.newFixedThreadPool(callers, Thread.ofPlatform().name("caller-", 0).factory())) {
            for (int i = 0; i < callers; i++) {
                threads.submit(() -> {
                    for (T item; (item = waiting.poll()) != null; ) {
                        try {
                            work.accept(item);
                            done.incrementAndGet();
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                            Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
                            failures.merge(root.getClass().getSimpleName() + ": " + root.getMessage(), 1L, Long::sum);
                        }
                    }
                });
            }
        }
        long nanos = System.nanoTime() - start;
        String cpu = CpuUse.now(ProcessHandle.current().pid()).since(before, done.get(), what);
        return new Result(done.get(), failed.get(), new TreeMap<>(failures), nanos, cpu);
    }
}
