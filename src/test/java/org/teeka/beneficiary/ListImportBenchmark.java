package org.teeka.beneficiary;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.TeekaApplication;
import org.teeka.account.Role;
import org.teeka.account.StaffScope;
import org.teeka.booking.Bookings;
import org.teeka.center.Center;
import org.teeka.center.Centers;
import org.teeka.session.SessionPlan;
import org.teeka.session.Sessions;

import java.io.BufferedWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a district's list of 100,000 people takes to be imported, allocated and told by SMS,
 * and how much heap it takes. Not a test: run it with a stated heap,
 * {@code mvn -B -q -Pbench test-compile exec:exec} (see the {@code bench} profile in the pom:
 * {@code -Dbench.rows}, {@code -Dbench.heap}, {@code -Dbench.mode}, {@code -Dbench.chunk}, {@code -Dbench.format}).
 * <p>
 * It starts Teeka with the demo data on a fresh embedded PostgreSQL in {@code target/bench-data},
 * plans enough Covaxin sessions at Prayagraj's 6 centers for everyone (1,100 first-dose places a
 * day each for 14 days, on top of the demo's Covishield), writes the list as a CSV file (unique
 * Aadhaar numbers, some mobiles shared by families, one name in ten in Hindi, one person in ten with
 * a preferred center, one in ten with Hindi SMS) and imports it through {@link BeneficiaryLists},
 * as an upload does, timing from the upload to the last row committed. Modes: {@code import} (the
 * default), and {@code baseline}: the same people one at a time through the citizen's services
 * ({@link Beneficiaries#register} and {@link Bookings#bookEarliest}, a transaction each), to
 * measure what batching saves.
 */
public final class ListImportBenchmark {

    private ListImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String mode = args.length > 1 ? args[1] : "import";
        int chunkSize = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        String format = args.length > 3 ? args[3] : "csv";
        Path dataDir = Path.of("target/bench-data/" + System.currentTimeMillis());
        System.out.printf("Teeka list import benchmark: %,d rows, mode %s, chunk size %d, %s%n", rows, mode, chunkSize, format);
        System.out.printf("JVM %s, %d processors, max heap %,d MB, GC %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());

        // as command-line arguments, which outrank application.yml (builder properties would not)
        ConfigurableApplicationContext app = new SpringApplicationBuilder(TeekaApplication.class)
                .run("--teeka.data-dir=" + dataDir, "--server.port=0", "--teeka.imports.chunk-size=" + chunkSize,
                        "--teeka.imports.max-rows=" + Math.max(rows, 200_000), "--logging.level.root=warn",
                        "--logging.level.org.teeka.beneficiary=info", "--spring.main.banner-mode=off");
        try {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            var scope = StaffScope.district(Role.DISTRICT_ADMIN, 34, 624);
            List<Center> prayagraj = app.getBean(Centers.class).inDistrict(624);
            planPlaces(app.getBean(Sessions.class), prayagraj, scope);
            int places = jdbc.sql("select sum(dose1_capacity - dose1_booked) from sessions where district_id = 624 and session_date >= current_date")
                    .query(Integer.class).single();
            System.out.printf("Prayagraj: %d centers, %,d first-dose places over 14 days%n", prayagraj.size(), places);

            Path list = dataDir.resolve("list.csv");
            long bytes = writeList(list, rows, prayagraj);
            if (format.equals("xlsx")) {
                list = toWorkbook(list);
                bytes = Files.size(list);
            }
            System.out.printf("List: %,d rows, %,.1f MB%n", rows, bytes / (1024.0 * 1024));
            System.out.printf("Load average before: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

            int outboxBefore = jdbc.sql("select count(*) from outbox_messages").query(Integer.class).single();
            var heap = new HeapWatch();
            if (mode.equals("baseline")) {
                baseline(app, list, rows, heap);
            } else {
                importList(app, list, scope, heap);
            }
            int outbox = jdbc.sql("select count(*) from outbox_messages").query(Integer.class).single() - outboxBefore;
            int overbooked = jdbc.sql("select count(*) from sessions where dose1_booked > dose1_capacity").query(Integer.class).single();
            System.out.printf("SMS queued: %,d; sessions overbooked: %d%n", outbox, overbooked);
            System.out.printf("Load average after: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            app.close();
            // the cluster and the list (full Aadhaar numbers, made up as they are) are not kept
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void importList(ConfigurableApplicationContext app, Path list, StaffScope scope, HeapWatch heap) throws Exception {
        BeneficiaryLists lists = app.getBean(BeneficiaryLists.class);
        long start = System.nanoTime();
        ListImport started = lists.start(null, list.getFileName().toString(), new FileSystemResource(list), 624, List.of(), null, scope,
                "bench", Locale.ENGLISH);
        long checked = System.nanoTime();
        ListImport done = started;
        while (done.running()) {
            Thread.sleep(100);
            done = lists.get(started.id(), scope);
        }
        long end = System.nanoTime();
        heap.stop();
        System.out.printf("Import %s: %,d rows, %,d booked, %,d waitlisted, %,d refused%n", done.status(), done.rowsDone(), done.booked(),
                done.waitlisted(), done.rejected());
        System.out.printf("Time: %.1f s in all (file check %.1f s, rows %.1f s), %,.0f rows/s%n", seconds(end - start),
                seconds(checked - start), seconds(end - checked), done.rowsDone() / seconds(end - start));
        heap.print();
    }

    /** The same people one at a time, each registered and booked through the services a citizen's pages use. */
    private static void baseline(ConfigurableApplicationContext app, Path list, int rows, HeapWatch heap) throws Exception {
        Beneficiaries beneficiaries = app.getBean(Beneficiaries.class);
        Bookings bookings = app.getBean(Bookings.class);
        long start = System.nanoTime();
        int booked = 0;
        int refused = 0;
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, Math.min(lines.size(), rows + 1))) {
            String[] v = line.split(",", -1);
            try {
                Beneficiary person = beneficiaries.register(v[1], new NewBeneficiary(v[0], Integer.parseInt(v[2]),
                        v[3].equals("M") ? Gender.MALE : Gender.FEMALE, PhotoIdType.AADHAAR, v[5], 624, 211001), Locale.ENGLISH);
                bookings.bookEarliest(person.mobile(), person.id(), 1, null, Locale.ENGLISH);
                booked++;
            } catch (RuntimeException e) {
                refused++;
            }
        }
        long end = System.nanoTime();
        heap.stop();
        System.out.printf("Baseline, one transaction per service call: %,d booked, %,d refused in %.1f s, %,.0f rows/s%n",
                booked, refused, seconds(end - start), (booked + refused) / seconds(end - start));
        heap.print();
    }

    /** Covaxin 18+ at every center for 14 days from today, 1,100 first-dose places a day each: 92,400 places for 6 centers. */
    private static void planPlaces(Sessions sessions, List<Center> centers, StaffScope scope) {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Kolkata"));
        for (Center center : centers) {
            sessions.plan(center.id(), new SessionPlan("COVAXIN", today, today.plusDays(13), EnumSet.allOf(DayOfWeek.class), 18, null,
                    1_100, 0, LocalTime.of(9, 0), LocalTime.of(17, 0), 120), scope, "bench");
        }
    }

    private static long writeList(Path file, int rows, List<Center> centers) throws Exception {
        Files.createDirectories(file.getParent());
        var random = new Random(20210116);
        String[] first = {"Sunita", "Ramesh", "Asha", "Mohd", "Kamla", "Vikas", "Geeta", "Suresh", "Anita", "Rajesh", "Pooja", "Arvind"};
        String[] last = {"Devi", "Kumar", "Verma", "Yadav", "Mishra", "Singh", "Gupta", "Khan", "Pandey", "Tiwari"};
        String[] hindi = {"सुनीता देवी", "रमेश कुमार", "आशा वर्मा", "कमला यादव", "विकास मिश्रा"};
        String[] categories = {"Health worker", "Frontline worker"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(ListFiles.HEADER);
            out.write("\r\n");
            String mobile = null;
            for (int i = 0; i < rows; i++) {
                // one mobile in twenty is shared by two people of a family
                if (i % 20 != 1) {
                    mobile = "6" + String.format("%09d", 100_000_000 + i);
                }
                String name = i % 10 == 0 ? hindi[i % hindi.length] + " " + letters(i)
                        : first[random.nextInt(first.length)] + " " + letters(i) + " " + last[random.nextInt(last.length)];
                String aadhaar = AadhaarNumbers.withCheckDigit(Long.toString(20_000_000_000L + i * 7_919L));
                String preferred = i % 10 == 3 ? String.valueOf(centers.get(i % centers.size()).id()) : "";
                out.write(String.join(",", name, mobile, String.valueOf(1960 + random.nextInt(40)), i % 2 == 0 ? "F" : "M", "Aadhaar",
                        aadhaar, categories[i % 7 == 0 ? 1 : 0], preferred, i % 10 == 5 ? "hi" : ""));
                out.write("\r\n");
            }
        }
        return Files.size(file);
    }

    /**
     * The CSV list as a workbook, as Excel writes one: text in the shared strings table, numbers as
     * numbers. Written with POI's streaming writer, before the heap is watched.
     */
    private static Path toWorkbook(Path csv) throws Exception {
        Path xlsx = csv.resolveSibling("list.xlsx");
        try (var workbook = new org.apache.poi.xssf.streaming.SXSSFWorkbook(null, 100, true, true);
             var out = Files.newOutputStream(xlsx); var lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            var sheet = workbook.createSheet("List");
            int[] r = {0};
            lines.forEach(line -> {
                var row = sheet.createRow(r[0]++);
                String[] values = line.split(",", -1);
                for (int c = 0; c < values.length; c++) {
                    if (values[c].matches("[0-9]{4,12}")) {
                        row.createCell(c).setCellValue(Double.parseDouble(values[c]));
                    } else if (!values[c].isEmpty()) {
                        row.createCell(c).setCellValue(values[c]);
                    }
                }
            });
            workbook.write(out);
        }
        Files.delete(csv);
        return xlsx;
    }

    /** A run of letters naming a number, so that names differ without holding digits. */
    private static String letters(int n) {
        var text = new StringBuilder();
        do {
            text.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        text.setCharAt(0, Character.toUpperCase(text.charAt(0)));
        return text.toString();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** The heap in use, sampled every 10 ms, and each heap pool's own peak (their sum bounds the true peak from above). */
    private static final class HeapWatch {

        private final AtomicLong sampledPeak = new AtomicLong();
        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        private final java.util.concurrent.ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final long gcCountBefore = gcCount();
        private final long gcTimeBefore = gcTime();

        HeapWatch() {
            System.gc();
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            sampler.scheduleAtFixedRate(() -> sampledPeak.accumulateAndGet(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max), 0, 10, TimeUnit.MILLISECONDS);
        }

        void stop() throws InterruptedException {
            sampler.shutdown();
            sampler.awaitTermination(1, TimeUnit.SECONDS);
        }

        void print() {
            long poolPeaks = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("Heap: max %,d MB; peak in use %,d MB sampled every 10 ms (sum of pool peaks %,d MB); GC %d runs, %.1f s%n",
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), sampledPeak.get() / (1024 * 1024), poolPeaks / (1024 * 1024),
                    gcCount() - gcCountBefore, (gcTime() - gcTimeBefore) / 1000.0);
        }

        private static long gcCount() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        }

        private static long gcTime() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
        }
    }
}
