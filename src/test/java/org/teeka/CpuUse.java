package org.teeka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during one phase, from Linux's own counters ({@code /proc}): the
 * Teeka process, the PostgreSQL processes, and the whole machine (the generator, the SMSC and
 * anything else are the rest). Read at the start and the end of a phase; {@link #since} gives
 * the cores each used on average over it. Used by the benchmarks ({@code LaunchBench},
 * {@code GroupCommitBenchmark}).
 */
public record CpuUse(long nanos, long teeka, long postgres, long machineBusy) {

    /** Linux's clock ticks per second (USER_HZ), 100 on every usual kernel. */
    private static final double HZ = 100;

    public static CpuUse now(long teekaPid) {
        return new CpuUse(System.nanoTime(), ticks(Path.of("/proc/" + teekaPid + "/stat")), postgresTicks(), machineTicks());
    }

    /** "Teeka 1.21 cores (4.0 ms of CPU per request answered), PostgreSQL 0.31, the rest 0.40; machine 1.92 of 2". */
    public String since(CpuUse start, long requests) {
        return since(start, requests, "request answered");
    }

    /** As {@link #since(CpuUse, long)}, Teeka's CPU divided among {@code count} of {@code what} ("booking"). */
    public String since(CpuUse start, long count, String what) {
        double seconds = (nanos - start.nanos) / 1e9;
        double teekaCores = (teeka - start.teeka) / HZ / seconds;
        double postgresCores = (postgres - start.postgres) / HZ / seconds;
        double machineCores = (machineBusy - start.machineBusy) / HZ / seconds;
        double perOne = count == 0 ? 0 : (teeka - start.teeka) / HZ * 1000 / count;
        return "Teeka %.2f cores (%.2f ms of CPU per %s), PostgreSQL %.2f, the generator and the rest %.2f; machine %.2f of %d"
                .formatted(teekaCores, perOne, what, postgresCores, Math.max(0, machineCores - teekaCores - postgresCores), machineCores,
                        Runtime.getRuntime().availableProcessors());
    }

    private static long postgresTicks() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> "postgres".equals(read(p.resolve("comm")).strip()))
                    .mapToLong(p -> ticks(p.resolve("stat"))).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** utime + stime of one process, with its threads (fields 14 and 15 of /proc/PID/stat). */
    private static long ticks(Path stat) {
        String text = read(stat);
        if (text.isEmpty()) {
            return 0;
        }
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Ticks the machine spent not idle (user, nice, system, irq, softirq, steal) since boot. */
    private static long machineTicks() {
        String[] cpu = read(Path.of("/proc/stat")).lines().findFirst().orElse("cpu 0 0 0 0 0 0 0 0").trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += Long.parseLong(cpu[i]);
        }
        return busy;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }
}
