package org.teeka.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.teeka.BenchPeople;
import org.teeka.CpuUse;
import org.teeka.Pgbench;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The launch-day benchmark (./teeka bench [scenario ...]). Starts target/teeka.jar (-Dbench.jar=) with a fresh
 * data directory (embedded PostgreSQL, local SMSC), -Xmx1g and a JFR recording; prepares people,
 * tokens and sessions outside the measured windows; runs each Gatling simulation, and ConstantRate
 * for the calendar's rates and the bookings, in a JVM of its own; measures the anchors (a bare Netty
 * server answering calendarByDistrict's bytes at the same rates, pgbench's single-row update rate on
 * the same PostgreSQL); checks the booking invariants in the database; and writes
 * target/bench/summary.md (printed at the end).
 *
 * <p>Scenarios: availability, otp, registration, booking, mix, overload, sms (all by default).
 * Settings as system properties (-Dbench.port=8170, bench.rates, bench.stepSeconds, ...; see
 * {@link #setting}).
 */
public final class LaunchBench {

    private static final Path OUT = Path.of("target/bench");
    private static final List<String> ALL = List.of("availability", "otp", "registration", "booking", "mix", "overload", "sms");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String java = ProcessHandle.current().info().command().orElse("java");
    private final String classpath = System.getProperty("java.class.path");
    private final int port = Integer.parseInt(setting("port", "8170"));
    private final String base = "http://127.0.0.1:" + port;
    private final byte[] hmacKey = new byte[32];
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Instant[]> phases = new LinkedHashMap<>();
    /** Per Gatling run, its KO answers by Gatling's message ("status.find.is(200), found 503", "Request timeout ..."). */
    private final Map<String, Map<String, Long>> koReasons = new LinkedHashMap<>();
    private final AtomicLong peakHeap = new AtomicLong();
    private volatile double peakLoad;
    private Process app;
    private final List<Process> children = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Connection db;
    private String pgPort;
    private String pgPassword;
    private String vaccine;
    private List<Integer> centers;

    /** One line of the summary table. */
    record Row(String scenario, String offered, long requests, long ko, double throughput, long p50, long p99, long p999,
               String okLatency, String target, String anchor, String verdict) {
    }

    /**
     * What Gatling measured for one request name: percentiles over all answers, and {@code okLatency}
     * ("p50 / p99" ms of the OK answers alone: the latency of admitted requests when others are shed).
     */
    record Stats(String name, long requests, long ok, long ko, double perSecond, long p50, long p95, long p99, long p999, long max,
                 String okLatency) {
    }

    static String setting(String name, String otherwise) {
        return System.getProperty("bench." + name, otherwise);
    }

    public static void main(String[] args) throws Exception {
        Set<String> wanted = new LinkedHashSet<>(args.length == 0 || List.of(args).contains("all") ? ALL : List.of(args));
        for (String scenario : wanted) {
            if (!ALL.contains(scenario)) {
                System.err.println("bench: unknown scenario " + scenario + "; known: " + String.join(", ", ALL));
                System.exit(2);
            }
        }
        new LaunchBench().run(wanted);
    }

    private void run(Set<String> wanted) throws Exception {
        Files.createDirectories(OUT);
        new SecureRandom().nextBytes(hmacKey);
        // Ctrl-C stops what this run started: Gatling, the bare server and Teeka (which stops its PostgreSQL)
        Runtime.getRuntime().addShutdownHook(new Thread(() -> children.forEach(child -> {
            child.destroy();
            try {
                child.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })));
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        Instant started = Instant.now();
        startApplication();
        Thread sampler = Thread.ofPlatform().daemon().start(this::sample);
        try {
            prepareCommon();
            if (wanted.contains("availability")) {
                availability();
            }
            if (wanted.contains("otp")) {
                otp(false);
            }
            if (wanted.contains("registration")) {
                otp(true);
            }
            if (wanted.contains("booking")) {
                bookingStorm();
                bookingSpread();
            }
            // the mix's own sustainable rate, not the calendar's: its search pages and writes cost far more than a
            // calendar hit (half the calendar's rate, the earlier default, overloaded the mix itself: README)
            int mixRate = Integer.parseInt(setting("mixRate", "400"));
            if (wanted.contains("mix")) {
                mix("mix", mixRate, Integer.parseInt(setting("mixSeconds", "20")), 9_300_000_000L);
            }
            if (wanted.contains("overload")) {
                mix("overload", mixRate * 5, Integer.parseInt(setting("overloadSeconds", "60")), 9_400_000_000L);
                checkAllSessions("after the overload run");
                notes.add("After the overload run the application answered /actuator/health with " + health() + ".");
            }
            if (wanted.contains("sms")) {
                sms();
            }
            if (wanted.contains("booking")) {
                pgbench();
            }
        } finally {
            sampler.interrupt();
            stopApplication();
        }
        profile();
        writeSummary(wanted, loadBefore, started);
    }

    // ---------------------------------------------------------------- the application

    private void startApplication() throws Exception {
        Path data = OUT.resolve("data");
        deleteTree(data);
        Path jfr = OUT.resolve("teeka.jfr");
        Files.deleteIfExists(jfr);
        var command = new ArrayList<>(List.of(java, "-Xmx" + setting("heap", "1g"), "-XX:+UseG1GC",
                "-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true",
                "-jar", setting("jar", "target/teeka.jar"), "--server.port=" + port));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(OUT.resolve("teeka.log").toFile());
        var env = builder.environment();
        env.put("TEEKA_DATA_DIR", data.toString());
        env.put("TEEKA_SMSC_PORT", String.valueOf(port + 1));
        env.put("TEEKA_HMAC_KEY", Base64.getEncoder().encodeToString(hmacKey));
        env.put("TEEKA_SECURE_COOKIES", "false");
        // one client address stands for a whole country here: per-address quotas would measure the quota, not Teeka
        String plenty = "1000000000/1m";
        for (String quota : List.of("SEARCH_PER_IP", "SEARCH_PER_USER", "BOOKING_PER_IP", "BOOKING_PER_USER", "COWIN_PER_IP", "COWIN_PER_TOKEN")) {
            env.put("TEEKA_QUOTA_" + quota, plenty);
        }
        env.put("TEEKA_SMPP_MAX_PER_SECOND", "1000000");
        command.add("--teeka.otp.per-ip-per-day=1000000000");
        builder.command(command);
        System.out.println("bench: starting " + String.join(" ", command));
        app = builder.start();
        children.add(app);
        Instant deadline = Instant.now().plusSeconds(240);
        while (Instant.now().isBefore(deadline)) {
            if (!app.isAlive()) {
                throw new IllegalStateException("Teeka exited during start-up; see " + OUT.resolve("teeka.log"));
            }
            // readiness, not liveness: Tomcat answers before the runners (the demo data) are done
            if (status(base + "/actuator/health/readiness") == 200) {
                break;
            }
            Thread.sleep(500);
        }
        Matcher m = Pattern.compile("Embedded PostgreSQL is up on 127\\.0\\.0\\.1:(\\d+)").matcher(Files.readString(OUT.resolve("teeka.log")));
        if (!m.find()) {
            throw new IllegalStateException("Teeka did not start in 240 s or did not name its PostgreSQL port; see " + OUT.resolve("teeka.log"));
        }
        pgPort = m.group(1);
        pgPassword = Files.readString(data.resolve("postgres.password")).strip();
        db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/teeka", "teeka", pgPassword);
        System.out.println("bench: Teeka is up on " + base + ", its PostgreSQL on 127.0.0.1:" + pgPort);
    }

    private void stopApplication() throws Exception {
        if (db != null) {
            db.close();
        }
        if (app != null && app.isAlive()) {
            // dump the recording first: a Teeka that is hung in GC does not finish its dump on exit
            Process dump = new ProcessBuilder(Path.of(java).resolveSibling("jcmd").toString(), String.valueOf(app.pid()), "JFR.dump",
                    "filename=" + OUT.resolve("teeka.jfr").toAbsolutePath()).redirectErrorStream(true)
                    .redirectOutput(OUT.resolve("jfr-dump.log").toFile()).start();
            if (!dump.waitFor(120, TimeUnit.SECONDS)) {
                dump.destroyForcibly();
            }
            app.destroy();
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly();
                app.waitFor(10, TimeUnit.SECONDS);
                // killed, Teeka could not stop its PostgreSQL: stop it here (postmaster.pid names it)
                Path pid = OUT.resolve("data/postgres/postmaster.pid");
                if (Files.exists(pid)) {
                    ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).getFirst().strip())).ifPresent(ProcessHandle::destroy);
                }
            }
        }
    }

    private String health() {
        try {
            var answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() + " " + answer.body();
        } catch (Exception e) {
            return "no answer (" + e + ")";
        }
    }

    /** Peak heap in use (sum of the heap pools, from /actuator/prometheus every 2 s, light enough not to skew the run) and peak load average. */
    private void sample() {
        Pattern heap = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.E+]+)", Pattern.MULTILINE);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Matcher m = heap.matcher(metrics(Duration.ofSeconds(5)));
                long used = 0;
                while (m.find()) {
                    used += (long) Double.parseDouble(m.group(1));
                }
                peakHeap.accumulateAndGet(used, Math::max);
                double load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
                peakLoad = Math.max(peakLoad, load);
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // a sample missed under load; the next one counts
            }
        }
    }

    /** The application's metrics, as /actuator/prometheus writes them. */
    private String metrics(Duration timeout) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * What the application's own metrics say at one moment. {@code statuses}: its answers by status (http_server_requests),
     * why requests were refused, and the group commit's batches. {@code times}: per URI of the served (200) answers, their
     * count ("n ...") and summed time in microseconds ("µs ...") from the first filter to the answer, and the wait in
     * Tomcat's queue for a thread before that ("n queue", "µs queue"), which http_server_requests does not see.
     */
    private record Scrape(Map<String, Long> statuses, Map<String, Long> times) {
    }

    private Scrape scrape() {
        var counts = new TreeMap<String, Long>();
        var times = new TreeMap<String, Long>();
        try {
            var body = metrics(Duration.ofSeconds(20));
            ownRequests(body, "count", (status, uri, n) -> {
                counts.merge(status, (long) n, Long::sum);
                if (status.equals("200")) {
                    times.merge("n " + uri, (long) n, Long::sum);
                }
            });
            ownRequests(body, "sum", (status, uri, seconds) -> {
                if (status.equals("200")) {
                    times.merge("µs " + uri, Math.round(seconds * 1e6), Long::sum);
                }
            });
            // why requests were refused: admission's bound per class, or a wait for a thread over max-queue-delay
            Matcher a = Pattern.compile("^teeka_admission_(shed|late)_total(\\{[^}]*})? ([0-9.E+]+)", Pattern.MULTILINE).matcher(body);
            while (a.find()) {
                Matcher c = Pattern.compile("class=\"([^\"]*)\"").matcher(a.group(2) == null ? "" : a.group(2));
                counts.merge(a.group(1) + (c.find() ? " " + c.group(1) : ""), (long) Double.parseDouble(a.group(3)), Long::sum);
            }
            // the booking group commit: transactions, claims in them, and their time
            for (var metric : Map.of("batches", "teeka_booking_batch_size_count", "batched claims", "teeka_booking_batch_size_sum",
                    "batch ms", "teeka_booking_batch_time_seconds_sum").entrySet()) {
                Matcher b = Pattern.compile("^" + metric.getValue() + "(?:\\{[^}]*})? ([0-9.E+]+)", Pattern.MULTILINE).matcher(body);
                if (b.find()) {
                    double value = Double.parseDouble(b.group(1));
                    counts.put(metric.getKey(), Math.round(metric.getKey().equals("batch ms") ? value * 1000 : value));
                }
            }
            Matcher q = Pattern.compile("^teeka_admission_queue_delay_seconds_(count|sum)(?:\\{[^}]*})? ([0-9.E+]+)", Pattern.MULTILINE).matcher(body);
            while (q.find()) {
                double value = Double.parseDouble(q.group(2));
                times.put(q.group(1).equals("count") ? "n queue" : "µs queue", q.group(1).equals("count") ? (long) value : Math.round(value * 1e6));
            }
        } catch (Exception e) {
            counts.put("unreadable", 1L);
            times.clear();
        }
        return new Scrape(counts, times);
    }

    private interface RequestLine {
        void accept(String status, String uri, double value);
    }

    /** Each http_server_requests_seconds_{@code kind} line of the application's own requests (not /actuator, /smsc). */
    private static void ownRequests(String body, String kind, RequestLine line) {
        Matcher m = Pattern.compile("^http_server_requests_seconds_" + kind + "\\{([^}]*)} ([0-9.E+]+)", Pattern.MULTILINE).matcher(body);
        while (m.find()) {
            Matcher s = Pattern.compile("status=\"(\\d+)\"").matcher(m.group(1));
            Matcher u = Pattern.compile("uri=\"([^\"]*)\"").matcher(m.group(1));
            if (s.find() && u.find() && !u.group(1).startsWith("/actuator") && !u.group(1).startsWith("/smsc")) {
                line.accept(s.group(1), u.group(1), Double.parseDouble(m.group(2)));
            }
        }
    }

    /**
     * A client of its own beside the generator, as a balancer's kept connection to a node would be: one HTTP/1.1
     * connection, calendarByDistrict every 100 ms, each answer's latency counted from when it was due (so that a slow
     * answer delaying the next is counted, not hidden). It is admitted or refused like any request, but it never waits
     * for a connection slot or for the generator's event loop, so it tells the node's latency for the admitted apart
     * from the generator's.
     */
    private static final class Probe {

        private static final long EVERY = TimeUnit.MILLISECONDS.toNanos(100);

        private final List<Long> served = new ArrayList<>();
        private long longest;
        private Instant longestDue;
        private long refused;
        private long failed;
        private final Thread thread;

        Probe(String url) {
            thread = Thread.ofPlatform().daemon().name("probe").start(() -> run(URI.create(url)));
        }

        private void run(URI url) {
            var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            long due = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    var answer = client.send(HttpRequest.newBuilder(url).header("Accept-Encoding", "gzip").timeout(Duration.ofSeconds(20)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    long micros = (System.nanoTime() - due) / 1000;
                    synchronized (this) {
                        if (answer.statusCode() == 200) {
                            served.add(micros);
                            if (micros > longest) {
                                longest = micros;
                                longestDue = Instant.now().minusNanos(micros * 1000);
                            }
                        } else {
                            refused++;
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    synchronized (this) {
                        failed++;
                    }
                }
                // the next one is due 100 ms after this one was, however late this one came back
                due += EVERY;
            }
        }

        /** Stops it and says what it saw. */
        String stop() throws InterruptedException {
            thread.interrupt();
            thread.join(30_000);
            synchronized (this) {
                var sorted = served.stream().sorted().toList();
                if (sorted.isEmpty()) {
                    return "a client of its own (one kept connection, calendarByDistrict every 100 ms): nothing served, %d refused, %d failed"
                            .formatted(refused, failed);
                }
                return ("a client of its own (one kept connection, calendarByDistrict every 100 ms, latency from when each was due): "
                        + "p50 %.1f ms, p99 %.1f ms, longest %.1f ms (due at %s) over %,d served; %d refused, %d failed").formatted(
                        sorted.get(sorted.size() / 2) / 1000.0, sorted.get(Math.min(sorted.size() - 1, sorted.size() * 99 / 100)) / 1000.0,
                        longest / 1000.0, longestDue, sorted.size(), refused, failed);
            }
        }
    }

    /** "uri mean ms (answers)" for each URI served in the window, and the mean wait for a thread. */
    private static String meanTimes(Map<String, Long> difference) {
        var parts = new ArrayList<String>();
        difference.forEach((key, n) -> {
            if (key.startsWith("n ") && n > 0) {
                String what = key.substring(2);
                double ms = difference.getOrDefault("µs " + what, 0L) / 1000.0 / n;
                parts.add("%s %.1f ms (%,d)".formatted(what.equals("queue") ? "waiting for a thread, every request" : what, ms, n));
            }
        });
        return String.join("; ", parts);
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        var d = new TreeMap<String, Long>();
        after.forEach((k, v) -> {
            long n = v - before.getOrDefault(k, 0L);
            if (n != 0) {
                d.put(k, n);
            }
        });
        return d;
    }

    // ---------------------------------------------------------------- data prepared outside the measured windows

    private void prepareCommon() throws Exception {
        try (Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("select vaccine_code from sessions where district_id = 624 group by vaccine_code order by count(*) desc limit 1");
            rs.next();
            vaccine = rs.getString(1);
            rs = st.executeQuery("select id from centers where district_id = 624 order by id");
            centers = new ArrayList<>();
            while (rs.next()) {
                centers.add(rs.getInt(1));
            }
        }
        // signed-in citizens for the search page, through the real web sign-in (OTP read from the local SMSC)
        var lines = new ArrayList<String>();
        lines.add("cookie");
        for (int i = 0; i < 20; i++) {
            lines.add("JSESSIONID=" + webSignIn(String.valueOf(9_000_000_000L + i)));
        }
        Files.write(OUT.resolve("citizens.csv"), lines);
        System.out.println("bench: 20 citizens signed in on the web for the search page");
    }

    private String webSignIn(String mobile) throws Exception {
        var cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        var client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL).build();
        String form = client.send(HttpRequest.newBuilder(URI.create(base + "/citizen/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        String sent = client.send(post(base + "/citizen/login", "mobile=" + mobile + "&_csrf=" + csrf(form)), HttpResponse.BodyHandlers.ofString()).body();
        String code = otpFor(mobile);
        var signedIn = client.send(post(base + "/citizen/otp", "code=" + code + "&_csrf=" + csrf(sent)), HttpResponse.BodyHandlers.ofString());
        if (!signedIn.uri().getPath().startsWith("/citizen") || signedIn.uri().getPath().startsWith("/citizen/otp")) {
            throw new IllegalStateException("web sign-in of " + mobile + " ended at " + signedIn.uri());
        }
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID")).map(HttpCookie::getValue)
                .findFirst().orElseThrow();
    }

    private static HttpRequest post(String url, String form) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"").matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no _csrf field in the page");
        }
        return URLEncoder.encode(m.group(1) != null ? m.group(1) : m.group(2), StandardCharsets.UTF_8);
    }

    private String otpFor(String mobile) throws Exception {
        Pattern code = Pattern.compile("\\b([0-9]{6})\\b");
        for (int i = 0; i < 200; i++) {
            JsonNode messages = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/smsc/messages?mobile=" + mobile + "&limit=1")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (!messages.isEmpty()) {
                Matcher m = code.matcher(messages.get(0).get("text").asText());
                if (m.find()) {
                    return m.group(1);
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no OTP reached the SMSC for " + mobile + " in 10 s");
    }

    /** Sessions made for the bench, one slot each holding all places, on days the demo data leaves free. */
    private List<UUID> createSessions(int firstDay, int days, int capacity) throws SQLException {
        var ids = new ArrayList<UUID>();
        db.setAutoCommit(false);
        try (var session = db.prepareStatement("""
                insert into sessions (id, center_id, state_id, district_id, session_date, vaccine_code, min_age, max_age,
                                      dose1_capacity, dose2_capacity, created_by)
                select ?, c.id, c.state_id, c.district_id, ?, ?, 18, null, ?, 0, 'bench' from centers c where c.id = ?""");
             var slot = db.prepareStatement("insert into session_slots (session_id, slot_no, starts_at, ends_at, capacity) values (?, 1, '09:00', '17:00', ?)")) {
            for (int day = firstDay; day < firstDay + days; day++) {
                for (int center : centers) {
                    UUID id = UUID.randomUUID();
                    session.setObject(1, id);
                    session.setObject(2, LocalDate.now().plusDays(day));
                    session.setString(3, vaccine);
                    session.setInt(4, capacity);
                    session.setInt(5, center);
                    session.addBatch();
                    slot.setObject(1, id);
                    slot.setInt(2, capacity);
                    slot.addBatch();
                    ids.add(id);
                }
            }
            session.executeBatch();
            slot.executeBatch();
            db.commit();
        } finally {
            db.setAutoCommit(true);
        }
        return ids;
    }

    /**
     * People registered straight into the database (one per mobile, 18+, in Prayagraj) with a bearer
     * token each, signed as BearerTokens signs them with the key this run gave Teeka; the CSV feeds
     * the bookings (schedule, MixSimulation). Person i books sessions[i % sessions.size()].
     */
    private Path preparePeople(String name, long firstMobile, int count, List<UUID> sessions) throws Exception {
        var lines = new ArrayList<String>(count + 1);
        lines.add("token,reference,session,slot");
        List<BenchPeople.Person> people = BenchPeople.insert(db, firstMobile, count);
        for (int i = 0; i < count; i++) {
            BenchPeople.Person person = people.get(i);
            lines.add(token(person.mobile()) + "," + person.reference() + "," + sessions.get(i % sessions.size()) + ",09:00AM-05:00PM");
        }
        Path feed = OUT.resolve(name + ".csv");
        Files.write(feed, lines);
        return feed;
    }

    private String token(String mobile) throws Exception {
        var b64 = Base64.getUrlEncoder().withoutPadding();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
        byte[] key = HexFormat.of().parseHex(HexFormat.of().formatHex(mac.doFinal("teeka:bearer-token-key:v1".getBytes(StandardCharsets.UTF_8))));
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = "{\"sub\":\"%s\",\"user_type\":\"BENEFICIARY\",\"iat\":%d,\"exp\":%d,\"jti\":\"%s\"}"
                .formatted(mobile, now, now + 4 * 3600, UUID.randomUUID());
        String signed = header + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac sign = Mac.getInstance("HmacSHA256");
        sign.init(new SecretKeySpec(key, "HmacSHA256"));
        return signed + "." + b64.encodeToString(sign.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    // ---------------------------------------------------------------- scenarios

    private int availability() throws Exception {
        String rates = setting("rates", "1000,2000,4000,8000,16000,20000");
        String searchRates = setting("searchRates", "10,25,50");
        String seconds = setting("stepSeconds", "10");
        // the generator's own JIT needs warming as much as the server's: after 10 s at 100/s, the first step of 8,000/s
        // against the bare server had p99 0.7-1.5 s, and Teeka (already warm, WarmUp) fell behind and did not catch up
        String warmUpRate = setting("warmUpRate", "2000");
        String connections = setting("connections", "256");
        URI calendarUri = URI.create(base + "/api/v2/appointment/sessions/public/calendarByDistrict?district_id=624&date=" + Bench.cowinDate());
        var teeka = constantRate("availability", Map.of("label", "teeka", "url", calendarUri.toString(), "rates", rates,
                "stepSeconds", seconds, "warmUpRate", warmUpRate, "connections", connections), Double.parseDouble(seconds));
        teeka.addAll(gatling("search page", "AvailabilitySimulation", Map.of("label", "teeka", "searchRates", searchRates,
                "stepSeconds", seconds, "baseUrl", base, "sessionsFeed", OUT.resolve("citizens.csv").toString()), Double.parseDouble(seconds)));
        // the anchor: the same bytes from a bare server, the same generator, the same rates; gzipped too if Teeka gzips
        Path body = OUT.resolve("calendar.json");
        Files.write(body, HTTP.send(HttpRequest.newBuilder(calendarUri).build(), HttpResponse.BodyHandlers.ofByteArray()).body());
        Path gzipped = OUT.resolve("calendar.json.gz");
        Files.deleteIfExists(gzipped);
        var asked = HTTP.send(HttpRequest.newBuilder(calendarUri).header("Accept-Encoding", "gzip, deflate").build(), HttpResponse.BodyHandlers.ofByteArray());
        if (asked.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
            Files.write(gzipped, asked.body());
        }
        int barePort = port + 2;
        var bareCommand = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", classpath, BareHttpServer.class.getName(), String.valueOf(barePort), body.toString()));
        if (Files.exists(gzipped)) {
            bareCommand.add(gzipped.toString());
        }
        Process bare = new ProcessBuilder(bareCommand)
                .redirectErrorStream(true).redirectOutput(OUT.resolve("bare-http.log").toFile()).start();
        children.addFirst(bare);
        List<Stats> anchor;
        try {
            awaitPort("http://127.0.0.1:" + barePort + "/");
            anchor = constantRate("anchor-bare-http", Map.of("label", "bare-http", "url", "http://127.0.0.1:" + barePort + calendarUri.getRawPath()
                    + "?" + calendarUri.getRawQuery(), "rates", rates, "stepSeconds", seconds, "warmUpRate", warmUpRate, "connections", connections),
                    Double.parseDouble(seconds));
        } finally {
            bare.destroy();
            bare.waitFor(10, TimeUnit.SECONDS);
        }
        int sustainable = 0;
        teeka.removeIf(s -> s.name().startsWith("(warm-up)"));
        anchor.removeIf(s -> s.name().startsWith("(warm-up)"));
        for (Stats s : teeka) {
            boolean calendar = s.name().contains("calendar");
            String rate = s.name().replaceAll(".*@(\\d+)/s", "$1");
            Stats bareStats = anchor.stream().filter(a -> a.name().endsWith("@" + rate + "/s")).findFirst().orElse(null);
            boolean ok = s.ko() == 0 && s.p99() < 50;
            if (calendar && ok) {
                sustainable = Math.max(sustainable, Integer.parseInt(rate));
            }
            String ratio = bareStats == null ? "" : "%.2f of bare (%.0f/s, p99 %d ms)".formatted(s.perSecond() / bareStats.perSecond(),
                    bareStats.perSecond(), bareStats.p99());
            String held = ok ? "held (p99 <50 ms) at this rate" : "not held";
            rows.add(calendar
                    ? row("1 " + s.name().replace("teeka ", ""), rate + "/s", s, "≥20,000/s, p99 <50 ms, ≥0.5 of bare", ratio,
                            ok && Integer.parseInt(rate) >= 20_000 && bareStats != null && s.perSecond() >= 0.5 * bareStats.perSecond() ? "met" : held)
                    : row("1 " + s.name().replace("teeka ", ""), rate + "/s", s, "", "", held));
        }
        for (Stats a : anchor) {
            rows.add(row("anchor " + a.name(), a.name().replaceAll(".*@", ""), a, "", "", ""));
        }
        notes.add("Highest calendarByDistrict rate offered with p99 under 50 ms and no error: " + (sustainable == 0 ? "none of the rates" : sustainable + "/s") + ".");
        return sustainable;
    }

    private void otp(boolean register) throws Exception {
        String name = register ? "registration" : "otp";
        int rate = Integer.parseInt(setting(name + "Rate", "200"));
        String seconds = setting(name + "Seconds", "10");
        var before = scrape().statuses();
        var stats = gatling(name, "OtpSimulation", Map.of("rate", String.valueOf(rate), "seconds", seconds, "baseUrl", base,
                "mobileBase", register ? "9200000000" : "9100000000", "register", String.valueOf(register)), Double.parseDouble(seconds));
        notes.add(name + ": answers by status during the run (server side) " + difference(scrape().statuses(), before) + ".");
        for (Stats s : stats) {
            String target = !register ? "" : s.name().equals("beneficiary/new") ? "≥3,000 registrations/s" : "";
            String verdict = target.isEmpty() ? "" : s.perSecond() >= 3000 && s.ko() == 0 ? "met" : "not met";
            rows.add(row((register ? "3 registration: " : "2 OTP login: ") + s.name(), rate + " flows/s", s, target, "", verdict));
        }
        if (register) {
            try (Statement st = db.createStatement()) {
                ResultSet rs = st.executeQuery("""
                        select count(*), count(o.id) from beneficiaries b
                        left join outbox_messages o on o.mobile = b.mobile and o.template = 'sms.registered'
                        where b.mobile between '9200000000' and '9299999999'""");
                rs.next();
                notes.add("Registration: %d beneficiaries registered in the run, %d with their sms.registered outbox row.".formatted(rs.getLong(1), rs.getLong(2)));
            }
        }
    }

    private void bookingStorm() throws Exception {
        int people = Integer.parseInt(setting("stormPeople", "10000"));
        int capacity = Integer.parseInt(setting("stormCapacity", "1000"));
        UUID hot = createSessions(15, 1, capacity).getFirst();
        try (Statement st = db.createStatement()) {
            // one popular session: only the first bench session of that day keeps its places
            st.executeUpdate("delete from session_slots where session_id in (select id from sessions where created_by = 'bench' and id <> '" + hot + "')");
            st.executeUpdate("delete from sessions where created_by = 'bench' and id <> '" + hot + "'");
        }
        Path feed = preparePeople("storm", 8_000_000_000L, people, List.of(hot));
        bookingWarmUp();
        int rate = Integer.parseInt(setting("stormRate", "2000"));
        var before = scrape().statuses();
        Instant from = Instant.now();
        var stats = schedule("booking-storm", feed, rate, people, "storm");
        var statuses = difference(scrape().statuses(), before);
        long booked;
        try (Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("""
                    select s.dose1_capacity, s.dose1_booked, sl.booked,
                           (select count(*) from appointments a where a.session_id = s.id and a.status = 'BOOKED'),
                           (select count(*) from outbox_messages o join beneficiaries b on b.mobile = o.mobile
                              join appointments a on a.beneficiary_id = b.id and a.session_id = s.id
                             where o.template = 'sms.appointment-booked'),
                           (select min(a.booked_at) from appointments a where a.session_id = s.id),
                           (select max(a.booked_at) from appointments a where a.session_id = s.id)
                    from sessions s join session_slots sl on sl.session_id = s.id where s.id = '%s'""".formatted(hot));
            rs.next();
            booked = rs.getLong(4);
            long sms = rs.getLong(5);
            long ok = statuses.getOrDefault("200", 0L);
            // three separate claims: never over capacity; nothing lost (every booking has its SMS, every 200 is a booking);
            // and full (every place taken, which fails when requests errored instead of booking)
            boolean noOverbooking = rs.getLong(2) <= capacity && rs.getLong(3) <= capacity && rs.getLong(2) == booked && rs.getLong(3) == booked;
            boolean nothingLost = sms == booked && booked >= ok;
            boolean full = booked == capacity;
            String holds = (noOverbooking ? "no overbooking" : "OVERBOOKED") + "; " + (nothingLost ? "nothing lost" : "LOST")
                    + "; " + (full ? "booked == capacity" : "booked " + booked + " < capacity " + capacity);
            Instant first = rs.getTimestamp(6).toInstant();
            Instant last = rs.getTimestamp(7).toInstant();
            double bookingRate = booked / Math.max(0.001, Duration.between(first, last).toMillis() / 1000.0);
            phases.put("booking storm (hot session)", new Instant[] {first, last});
            notes.add(("Booking storm: %d people for %d places in one session, offered at %d/s. In the database: capacity %d, "
                    + "session counter %d, slot counter %d, BOOKED appointments %d, their SMS in the outbox %d; the server answered %s: "
                    + "%s. %d places went in %.2f s (first to last booked_at): %.0f bookings/s on the hot session.")
                    .formatted(people, capacity, rate, capacity, rs.getLong(2), rs.getLong(3), booked, sms, statuses,
                            holds, booked, Duration.between(first, last).toMillis() / 1000.0, bookingRate));
            hotSessionRate = bookingRate;
            for (Stats s : stats) {
                rows.add(new Row("4 booking storm: " + s.name() + " (" + people + " people, " + capacity + " places)", rate + "/s",
                        s.requests(), s.ko(), s.perSecond(), s.p50(), s.p99(), s.p999(), s.okLatency(), "≥3× pgbench; invariants", "see below", holds));
            }
        }
        phases.put("booking storm (whole)", new Instant[] {from, Instant.now()});
    }

    private double hotSessionRate;

    /**
     * Bookings at a modest rate into sessions of their own (day 190, outside what the storm and the
     * spread count) before the measured booking runs, as the availability steps have their warm-up:
     * without it the storm measured the JIT compiling the booking path (its compiler threads took as
     * much CPU as the requests did) rather than a node that has been booking for a minute.
     */
    private void bookingWarmUp() throws Exception {
        int people = Integer.parseInt(setting("bookingWarmUpPeople", "4000"));
        int rate = Integer.parseInt(setting("bookingWarmUpRate", "200"));
        if (people == 0) {
            return;
        }
        List<UUID> sessions = createSessions(190, 1, people / centers.size() + 10);
        Path feed = preparePeople("booking-warm-up", 7_900_000_000L, people, sessions);
        schedule("booking-warm-up", feed, rate, people, "warm-up");
    }

    /**
     * Each person of the feed books once through CoWIN's {@code appointment/schedule}, arriving at the rate
     * ({@link ConstantRate}, a request per line of the feed: bearer token, reference id, session, slot). 200 is a
     * booking, 409 a full session (APPOIN0040): both are answers; anything else is an error. Whether the database
     * agrees is checked by the caller. Not Gatling: it took 0.7-0.9 of the two cores booking (23 November, 7 December),
     * CPU a node behind a balancer would have for itself.
     */
    private List<Stats> schedule(String run, Path feed, int rate, int people, String label) throws Exception {
        int seconds = (int) Math.ceil(people / (double) rate);
        return constantRate(run, Map.ofEntries(Map.entry("label", label), Map.entry("name", "schedule"),
                Map.entry("url", base + "/api/v2/appointment/schedule"), Map.entry("feed", feed.toString()),
                Map.entry("method", "POST"), Map.entry("path", "/api/v2/appointment/schedule"),
                Map.entry("headers", "Authorization: Bearer #{token}|Idempotency-Key: bench-#{reference}"),
                Map.entry("body", "{\"dose\":1,\"session_id\":\"#{session}\",\"slot\":\"#{slot}\",\"beneficiaries\":[\"#{reference}\"]}"),
                Map.entry("ok", "200,409"), Map.entry("rates", String.valueOf(rate)), Map.entry("stepSeconds", String.valueOf(seconds)),
                Map.entry("warmUpSeconds", "0"), Map.entry("timeoutSeconds", "20"),
                Map.entry("connections", setting("bookingConnections", "2048"))), seconds);
    }

    private void bookingSpread() throws Exception {
        int people = Integer.parseInt(setting("spreadPeople", "15000"));
        int days = 50;
        List<UUID> sessions = createSessions(16, days, (int) Math.ceil(people / (double) (days * centers.size())) + 10);
        Path feed = preparePeople("spread", 8_100_000_000L, people, sessions);
        int rate = Integer.parseInt(setting("spreadRate", "1500"));
        var before = scrape().statuses();
        Instant from = Instant.now();
        var stats = schedule("booking-spread", feed, rate, people, "spread");
        phases.put("booking spread", new Instant[] {from, Instant.now()});
        var statuses = difference(scrape().statuses(), before);
        try (Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("""
                    select count(*), sum(s.dose1_booked), bool_and(s.dose1_booked <= s.dose1_capacity),
                           (select count(*) from appointments a join sessions x on x.id = a.session_id
                             where x.session_date between current_date + 16 and current_date + 15 + %1$d and a.status = 'BOOKED')
                    from sessions s where s.created_by = 'bench' and s.session_date between current_date + 16 and current_date + 15 + %1$d"""
                    .formatted(days));
            rs.next();
            String holds = (rs.getBoolean(3) && rs.getLong(2) == rs.getLong(4) ? "no overbooking" : "OVERBOOKED")
                    + (rs.getLong(4) == people ? ", all booked" : ", " + rs.getLong(4) + " of " + people + " booked");
            notes.add("Booking spread: %d people over %d sessions at %d/s: sessions' counters sum to %d, BOOKED appointments %d, none over capacity: %s; server answered %s."
                    .formatted(people, rs.getLong(1), rate, rs.getLong(2), rs.getLong(4), rs.getBoolean(3), statuses));
            for (Stats s : stats) {
                rows.add(row("4 booking spread: " + s.name() + " (" + people + " people, " + sessions.size() + " sessions)", rate + "/s", s,
                        "≥5,000 bookings/s", "", holds + "; " + (s.perSecond() >= 5000 && s.ko() == 0 ? "met" : "not met")));
            }
        }
    }

    private void mix(String name, int rate, int seconds, long mobileBase) throws Exception {
        // 5% of the arrivals book, each with a person of its own: a quarter more than expected, or a random excess empties the feeder
        int bookings = Math.max(100, rate * seconds / 16 + 100);
        List<UUID> sessions = createSessions(name.equals("mix") ? 70 : 130, 50, 1000);
        Path feed = preparePeople(name, name.equals("mix") ? 8_200_000_000L : 8_300_000_000L, bookings, sessions);
        var before = scrape();
        Instant from = Instant.now();
        Path queueLog = OUT.resolve(name + "-queue.csv");
        Files.deleteIfExists(queueLog);
        String patience = setting("queuePatience", "120");
        var probe = new Probe(base + "/api/v2/appointment/sessions/public/calendarByDistrict?district_id=624&date=" + Bench.cowinDate());
        var stats = gatling(name, "MixSimulation", Map.of("rate", String.valueOf(rate), "seconds", String.valueOf(seconds), "label", name,
                "feed", feed.toString(), "sessionsFeed", OUT.resolve("citizens.csv").toString(), "mobileBase", String.valueOf(mobileBase),
                "baseUrl", base, "queueLog", queueLog.toString(), "queuePatience", patience), seconds);
        phases.put(name, new Instant[] {from, Instant.now()});
        notes.add("%s: %s.".formatted(name, probe.stop()));
        var after = scrape();
        var statuses = difference(after.statuses(), before.statuses());
        notes.add("%s: time inside Teeka of the served (200) answers, mean (count): %s."
                .formatted(name, meanTimes(difference(after.times(), before.times()))));
        long refused = statuses.getOrDefault("429", 0L) + statuses.getOrDefault("503", 0L);
        long errors = statuses.entrySet().stream().filter(e -> e.getKey().startsWith("5") && !e.getKey().equals("503"))
                .mapToLong(Map.Entry::getValue).sum();
        notes.add("%s at %d/s for %d s: server answers by status %s (deliberate 429/503: %d; other 5xx: %d)."
                .formatted(name, rate, seconds, statuses, refused, errors));
        String koOfRun = refusalsAndErrors(koReasons.get(name));
        notes.add("%s, the generator's KO answers: %s. OK answers are the served ones (200; a booking also 409), so their latency is that of the admitted requests."
                .formatted(name, koOfRun));
        queueDrain(name, queueLog, patience, stats.stream().filter(s -> s.name().equals(name + " search page")).mapToLong(Stats::ko).sum());
        String prefix = name.equals("mix") ? "5 launch-day mix: " : "overload (5× mix rate, " + seconds + " s): ";
        for (Stats s : stats) {
            rows.add(row(prefix + s.name().replace(name + " ", ""), rate + "/s total", s, "", "",
                    s.ko() == 0 ? "no errors" : koOfRun.contains("no other KO") ? "KO = refusals" : "see note"));
        }
    }

    /**
     * How the waiting room drained: of the citizens sent to it ({@code queued}, their first search page refused), how
     * many came through it, after how long, and whether in order. A person is overtaken when someone who came more than
     * one refresh (5 s) after them was let in before them: before they were let in, or before they gave up.
     */
    private void queueDrain(String name, Path log, String patience, long queued) throws IOException {
        // ticket, first request, let in or gave up (epoch ms), let in (1) or not (0)
        var people = new ArrayList<long[]>();
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log).stream().skip(1).toList()) {
                String[] f = line.split(",");
                people.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])});
            }
        }
        if (queued == 0 && people.isEmpty()) {
            notes.add(name + ": no citizen was sent to the waiting room.");
            return;
        }
        // latest first: for each person, the earliest time anyone who came over 5 s later was let in
        people.sort(Comparator.comparingLong((long[] p) -> p[1]).reversed());
        long overtaken = 0;
        long overtakenLetIn = 0;
        long earliestLaterLetIn = Long.MAX_VALUE;
        int later = 0;
        for (long[] p : people) {
            while (later < people.size() && people.get(later)[1] > p[1] + 5_000) {
                long[] q = people.get(later++);
                if (q[3] == 1) {
                    earliestLaterLetIn = Math.min(earliestLaterLetIn, q[2]);
                }
            }
            if (earliestLaterLetIn < p[2]) {
                overtaken++;
                overtakenLetIn += p[3];
            }
        }
        long[] waits = people.stream().filter(p -> p[3] == 1).mapToLong(p -> p[2] - p[1]).sorted().toArray();
        notes.add(("%s, waiting room: %,d first search pages answered with the queue; %,d people held a ticket, %,d of them let in "
                + "later by refreshing as the page asks (the others gave up after %s s), after %s; overtaken (someone who came "
                + "more than 5 s later let in first): %,d of the %,d, %,d of them let in in the end.").formatted(name, queued, people.size(),
                waits.length, patience,
                waits.length == 0 ? "-" : "p50 %.1f s, p99 %.1f s, longest %.1f s".formatted(waits[waits.length / 2] / 1000.0,
                        waits[(int) Math.min(waits.length - 1, Math.floor(waits.length * 0.99))] / 1000.0, waits[waits.length - 1] / 1000.0),
                overtaken, people.size(), overtakenLetIn));
    }

    private void checkAllSessions(String when) throws SQLException {
        try (Statement st = db.createStatement()) {
            ResultSet rs = st.executeQuery("""
                    select count(*) filter (where s.dose1_booked > s.dose1_capacity or s.dose1_booked <> coalesce(a.n, 0))
                    from sessions s left join (select session_id, count(*) n from appointments where status = 'BOOKED' and dose = 1 group by session_id) a
                      on a.session_id = s.id""");
            rs.next();
            notes.add("Booking invariants " + when + ": " + (rs.getLong(1) == 0 ? "every session's counter equals its BOOKED appointments and none is over capacity"
                    : rs.getLong(1) + " SESSIONS WRONG") + ".");
        }
    }

    /** SMS dispatch as this run saw it: every message the scenarios put in the outbox, sent over SMPP to the local SMSC. */
    private void sms() throws Exception {
        Instant deadline = Instant.now().plusSeconds(180);
        long pending = -1;
        try (Statement st = db.createStatement()) {
            while (Instant.now().isBefore(deadline)) {
                ResultSet rs = st.executeQuery("select count(*) from outbox_messages where status = 'PENDING'");
                rs.next();
                pending = rs.getLong(1);
                if (pending == 0) {
                    break;
                }
                Thread.sleep(1000);
            }
            ResultSet rs = st.executeQuery("""
                    select count(*), min(submitted_at), max(submitted_at), count(*) filter (where status in ('DELIVERED', 'SUBMITTED')),
                           count(*) filter (where status in ('FAILED', 'DEAD'))
                    from outbox_messages where submitted_at is not null""");
            rs.next();
            double seconds = Duration.between(rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()).toMillis() / 1000.0;
            notes.add(("SMS: %d messages submitted to the local SMSC over %.1f s while the scenarios ran (%.0f/s on average, paced by the "
                    + "scenarios that wrote them, not a dispatch limit); %d pending at the end, %d failed or dead. Dispatch alone: "
                    + "SmsDispatchBenchmark (mvn -B -Pbench test) measured about 3,000 SMS/s on this machine (README, Benchmarks).")
                    .formatted(rs.getLong(1), seconds, rs.getLong(1) / Math.max(seconds, 0.001), pending, rs.getLong(5)));
        }
    }

    /** pgbench's single-row update rate on the same PostgreSQL: the limit of one commit per booking on a hot row. */
    private void pgbench() throws Exception {
        var pgbench = new Pgbench("jdbc:postgresql://127.0.0.1:" + pgPort + "/teeka", "teeka", pgPassword, OUT);
        var results = new LinkedHashMap<Integer, Double>();
        for (int clients : List.of(1, 20)) {
            results.put(clients, pgbench.hotRowTps(db, clients, Integer.parseInt(setting("pgbenchSeconds", "10"))));
        }
        double anchor = results.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        notes.add("pgbench single-row update on the same PostgreSQL: " + results.entrySet().stream()
                .map(e -> "%.0f tps with %d client%s".formatted(e.getValue(), e.getKey(), e.getKey() == 1 ? "" : "s")).collect(Collectors.joining(", "))
                + "; the hot session took %.0f bookings/s = %.2f× the better pgbench figure (target ≥3×).".formatted(hotSessionRate,
                anchor == 0 ? 0 : hotSessionRate / anchor));
        rows.add(new Row("4 hot session bookings/s vs pgbench", "", 0, 0, hotSessionRate, 0, 0, 0, "", "≥3× pgbench",
                "%.2f× (pgbench %.0f tps)".formatted(anchor == 0 ? 0 : hotSessionRate / anchor, anchor),
                anchor > 0 && hotSessionRate >= 3 * anchor ? "met" : "not met"));
    }

    // ---------------------------------------------------------------- the constant-rate generator

    /**
     * Runs {@link ConstantRate} in a JVM of its own (as Gatling runs) and reads its steps: the calendar's rates,
     * where Gatling's own cost per arrival decided the result, and the bookings (README "Launch-day benchmark").
     */
    private List<Stats> constantRate(String run, Map<String, String> properties, double windowSeconds) throws Exception {
        var command = new ArrayList<>(List.of(java, "-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "--enable-native-access=ALL-UNNAMED"));
        properties.forEach((k, v) -> command.add("-Dbench." + k + "=" + v));
        command.addAll(List.of("-cp", classpath, ConstantRate.class.getName()));
        System.out.println("bench: " + run + " (ConstantRate " + properties + ")");
        Path log = OUT.resolve("constant-rate-" + run + ".log");
        Generated generated = generate(run, command, log);
        var stats = new ArrayList<Stats>();
        var reasons = new LinkedHashMap<String, Long>();
        for (String line : Files.readAllLines(log)) {
            String[] f = line.split("\t", -1);
            if (!f[0].equals("STEP")) {
                continue;
            }
            java.util.function.IntFunction<Long> ms = i -> Math.round(Long.parseLong(f[i]) / 1000.0);
            long ok = Long.parseLong(f[3]);
            stats.add(new Stats(f[1], Long.parseLong(f[2]), ok, Long.parseLong(f[4]), ok / windowSeconds, ms.apply(5), ms.apply(6), ms.apply(7),
                    ms.apply(8), ms.apply(9), "%.1f / %.1f".formatted(Long.parseLong(f[10]) / 1000.0, Long.parseLong(f[11]) / 1000.0)));
            for (String reason : f[12].isEmpty() ? new String[0] : f[12].split(";")) {
                int eq = reason.lastIndexOf('=');
                reasons.merge(reason.substring(0, eq), Long.parseLong(reason.substring(eq + 1)), Long::sum);
            }
        }
        if (generated.exit() != 0 || stats.isEmpty()) {
            throw new IllegalStateException("ConstantRate failed (exit " + generated.exit() + ") for " + run + "; see " + log);
        }
        koReasons.put(run, reasons);
        finished(run, "ConstantRate", generated, "", stats);
        return stats;
    }

    /** A generator's JVM run to its end: its exit code, when it started, and the CPU use around it. */
    private record Generated(int exit, Instant start, CpuUse cpuBefore, CpuUse cpuAfter) {
    }

    /** Runs a generator's JVM with its output in {@code log}, as a phase of its own, stopped with the benchmark if that ends first. */
    private Generated generate(String run, List<String> command, Path log) throws Exception {
        Instant start = Instant.now();
        CpuUse cpuBefore = CpuUse.now(app.pid());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        children.addFirst(p);
        int exit = p.waitFor();
        CpuUse cpuAfter = CpuUse.now(app.pid());
        children.remove(p);
        phases.putIfAbsent(run, new Instant[] {start, Instant.now()});
        return new Generated(exit, start, cpuBefore, cpuAfter);
    }

    /** Notes the CPU a generator's run took per request and prints its steps. */
    private void finished(String run, String generator, Generated generated, String more, List<Stats> stats) {
        String cpu = generated.cpuAfter().since(generated.cpuBefore(), stats.stream().mapToLong(Stats::requests).sum());
        notes.add("CPU during " + run + " (the whole " + generator + " run, from /proc): " + cpu + ".");
        System.out.println("bench: " + run + " done in " + Duration.between(generated.start(), Instant.now()).toSeconds() + " s" + more + "; " + cpu);
        stats.forEach(s -> System.out.println("   " + s));
    }

    // ---------------------------------------------------------------- Gatling

    private static long parseLong(String text) {
        String t = text.replace(",", "").strip();
        return t.isEmpty() || t.equals("-") ? 0 : Math.round(Double.parseDouble(t));
    }

    private List<Stats> gatling(String run, String simulation, Map<String, String> properties, double windowSeconds) throws Exception {
        Path results = OUT.resolve("gatling");
        Files.createDirectories(results);
        // the options gatling-maven-plugin gives Gatling's JVM
        var command = new ArrayList<>(List.of(java, "-Xms1g", "-Xmx2g", "-XX:+UseG1GC", "-XX:+ParallelRefProcEnabled", "-XX:MaxInlineLevel=20",
                "-XX:MaxTrivialSize=12", "--enable-native-access=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"));
        properties.forEach((k, v) -> command.add("-Dbench." + k + "=" + v));
        command.addAll(List.of("-cp", classpath, "io.gatling.app.Gatling", "--simulation", "org.teeka.bench." + simulation,
                "--results-folder", results.toString(), "--run-description", run));
        Set<Path> earlier;
        try (var listing = Files.list(results)) {
            earlier = listing.collect(Collectors.toSet());
        }
        System.out.println("bench: " + run + " (" + simulation + " " + properties + ")");
        Generated generated = generate(run, command, OUT.resolve("gatling-" + run + ".log"));
        Path report;
        try (var listing = Files.list(results)) {
            report = listing.filter(d -> !earlier.contains(d)).max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("Gatling wrote no report for " + run + "; see " + OUT.resolve("gatling-" + run + ".log")));
        }
        // Gatling 3.15 keeps its statistics table in index.html (no stats.json any more); throughput is
        // counted here as OK answers per second of the injection window, since a stepped run's
        // "Cnt/s" divides by the whole run
        var stats = new ArrayList<Stats>();
        var okLatencies = okLatencies(report);
        koReasons.put(run, koReasons(report));
        var html = org.jsoup.Jsoup.parse(report.resolve("index.html").toFile());
        for (var tr : html.select("#container_statistics_body tr, table tbody tr")) {
            var name = tr.selectFirst(".ellipsed-name");
            if (name == null || tr.select("td.col-2").isEmpty() || name.text().equals("All Requests")) {
                continue;
            }
            java.util.function.ToLongFunction<Integer> col = c -> parseLong(tr.selectFirst("td.col-" + c).text());
            long ok = col.applyAsLong(3);
            if (stats.stream().anyMatch(x -> x.name().equals(name.text()))) {
                continue;
            }
            stats.add(new Stats(name.text(), col.applyAsLong(2), ok, col.applyAsLong(4), ok / windowSeconds,
                    col.applyAsLong(8), col.applyAsLong(9), col.applyAsLong(10), col.applyAsLong(11), col.applyAsLong(12),
                    okLatencies.getOrDefault(name.text(), "?")));
        }
        finished(run, "Gatling", generated, ", report " + report, stats);
        return stats;
    }

    private static Row row(String scenario, String offered, Stats s, String target, String anchor, String verdict) {
        return new Row(scenario, offered, s.requests(), s.ko(), s.perSecond(), s.p50(), s.p99(), s.p999(), s.okLatency(), target, anchor, verdict);
    }

    /** The report's KO answers by message (its errors table). */
    private static Map<String, Long> koReasons(Path report) throws IOException {
        var reasons = new LinkedHashMap<String, Long>();
        for (var tr : org.jsoup.Jsoup.parse(report.resolve("index.html").toFile()).select("#container_errors tbody tr")) {
            var message = tr.selectFirst("td.error-col-1");
            var count = tr.selectFirst("td.error-col-2");
            if (message != null && count != null) {
                reasons.merge(message.ownText().strip(), parseLong(count.text()), Long::sum);
            }
        }
        return reasons;
    }

    /** Of a run's KO answers, those that were deliberate refusals (429, 503), and all the others by message. */
    private static String refusalsAndErrors(Map<String, Long> reasons) {
        long refused = reasons.entrySet().stream().filter(e -> e.getKey().matches(".*found (429|503)$")).mapToLong(Map.Entry::getValue).sum();
        var others = new LinkedHashMap<String, Long>(reasons);
        others.keySet().removeIf(k -> k.matches(".*found (429|503)$"));
        return refused + " refused (429/503)" + (others.isEmpty() ? ", no other KO" : "; other KO: " + others);
    }

    /**
     * "p50 / p99" of the OK answers of each request name, from the report's page per request (the
     * index shows percentiles of all answers only), each page read once.
     */
    private static Map<String, String> okLatencies(Path report) throws IOException {
        var latencies = new java.util.HashMap<String, String>();
        try (var pages = Files.list(report)) {
            for (Path page : pages.filter(f -> f.getFileName().toString().startsWith("req_")).toList()) {
                var html = org.jsoup.Jsoup.parse(page.toFile());
                Function<String, String> ok = title -> html.select("tr").stream()
                        .filter(tr -> tr.selectFirst("td.title") != null && tr.selectFirst("td.title").text().equals(title))
                        .map(tr -> tr.selectFirst("td.ok")).filter(Objects::nonNull).map(td -> td.text().strip())
                        .findFirst().orElse("?");
                latencies.put(html.title().replaceFirst("^Gatling Stats - ", ""),
                        ok.apply("50th percentile") + " / " + ok.apply("99th percentile"));
            }
        }
        return latencies;
    }

    // ---------------------------------------------------------------- JFR: peak heap and where the CPU went

    private void profile() {
        Path jfr = OUT.resolve("teeka.jfr");
        if (!Files.exists(jfr)) {
            notes.add("No JFR recording was written.");
            return;
        }
        long maxHeap = 0;
        long maxAfterGc = 0;
        long fullGcs = 0;
        Duration pauses = Duration.ZERO;
        var samples = new LinkedHashMap<String, Map<String, Long>>();
        phases.keySet().forEach(k -> samples.put(k, new TreeMap<>()));
        try (var recording = new RecordingFile(jfr)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                String type = e.getEventType().getName();
                if (type.equals("jdk.GCHeapSummary")) {
                    maxHeap = Math.max(maxHeap, e.getLong("heapUsed"));
                    if ("After GC".equals(e.getString("when"))) {
                        maxAfterGc = Math.max(maxAfterGc, e.getLong("heapUsed"));
                    }
                } else if (type.equals("jdk.GarbageCollection")) {
                    pauses = pauses.plus(e.getDuration("sumOfPauses"));
                    fullGcs += e.getString("name").equals("G1Full") ? 1 : 0;
                } else if (type.equals("jdk.ExecutionSample") && e.getStackTrace() != null) {
                    for (var phase : phases.entrySet()) {
                        Instant t = e.getStartTime();
                        if (!t.isBefore(phase.getValue()[0]) && !t.isAfter(phase.getValue()[1])) {
                            var frames = e.getStackTrace().getFrames();
                            String top = frames.isEmpty() ? "?" : frame(frames.getFirst());
                            String teeka = frames.stream().filter(f -> f.getMethod().getType().getName().startsWith("org.teeka"))
                                    .findFirst().map(LaunchBench::frame).orElse("(no Teeka frame)");
                            samples.get(phase.getKey()).merge("top: " + top, 1L, Long::sum);
                            samples.get(phase.getKey()).merge("teeka: " + teeka, 1L, Long::sum);
                        }
                    }
                }
            }
        } catch (IOException e) {
            notes.add("JFR recording unreadable: " + e);
            return;
        }
        // what the heap must hold is what is left after a collection; before one, G1 fills whatever it may
        notes.add(("Heap: at most %d MiB live after a collection (JFR jdk.GCHeapSummary \"After GC\"); at most %d MiB in use before one, "
                + "%d MiB sampled from /actuator/prometheus; -Xmx%s; GC pauses %.1f s in all, %d full collections; OutOfMemoryError in the log: %s.")
                .formatted(maxAfterGc >> 20, maxHeap >> 20, peakHeap.get() >> 20, setting("heap", "1g"), pauses.toMillis() / 1000.0, fullGcs,
                        outOfMemory() ? "YES" : "none"));
        var text = new StringBuilder("Where Teeka's CPU went, per phase (JFR execution samples; 'top' = the innermost frame, "
                + "'teeka' = the innermost org.teeka frame)\n");
        samples.forEach((phase, counts) -> {
            long total = counts.entrySet().stream().filter(e -> e.getKey().startsWith("top: ")).mapToLong(Map.Entry::getValue).sum();
            text.append("\n== ").append(phase).append(" (").append(total).append(" samples)\n");
            for (String kind : List.of("top: ", "teeka: ")) {
                counts.entrySet().stream().filter(e -> e.getKey().startsWith(kind)).sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                        .forEach(e -> text.append("  %5.1f%%  %s%n".formatted(100.0 * e.getValue() / Math.max(1, total), e.getKey())));
            }
        });
        try {
            Files.writeString(OUT.resolve("profile.txt"), text);
        } catch (IOException e) {
            notes.add("profile.txt not written: " + e);
        }
    }

    private static boolean outOfMemory() {
        try {
            return Files.readString(OUT.resolve("teeka.log")).contains("OutOfMemoryError");
        } catch (IOException e) {
            return false;
        }
    }

    private static String frame(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    // ---------------------------------------------------------------- the summary

    private void writeSummary(Set<String> wanted, String loadBefore, Instant started) throws Exception {
        var md = new StringBuilder();
        md.append("# Launch-day benchmark: ").append(String.join(", ", wanted)).append("\n\n");
        md.append("Machine: %d cores (nproc), %s memory, %s; Teeka on %s with -Xmx%s, embedded PostgreSQL 17, local SMSC, Gatling %s and ConstantRate (the calendar's rates, the bookings) on the same machine, loopback.\n"
                .formatted(Runtime.getRuntime().availableProcessors(), memory(), osName(), javaVersion(), setting("heap", "1g"), "3.15.1"));
        md.append("Load average before: %s; highest seen during the run: %.2f; after: %s. Run took %d s (%s).\n\n".formatted(loadBefore, peakLoad,
                Files.readString(Path.of("/proc/loadavg")).strip(), Duration.between(started, Instant.now()).toSeconds(), started));
        md.append("| scenario | offered | requests | errors (KO) | measured /s | p50 ms | p99 ms | p99.9 ms | OK answers p50 / p99 ms | target | anchor ratio | verdict |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|\n");
        for (Row r : rows) {
            md.append("| %s | %s | %,d | %,d | %,.0f | %d | %d | %d | %s | %s | %s | %s |%n".formatted(r.scenario(), r.offered(), r.requests(), r.ko(),
                    r.throughput(), r.p50(), r.p99(), r.p999(), r.okLatency(), r.target(), r.anchor(), r.verdict()));
        }
        md.append("\n");
        for (String note : notes) {
            md.append("- ").append(note).append("\n");
        }
        md.append("\nGatling reports: target/bench/gatling/; application log: target/bench/teeka.log; JFR: target/bench/teeka.jfr "
                + "(where the CPU went per phase: target/bench/profile.txt).\n");
        Files.writeString(OUT.resolve("summary.md"), md);
        System.out.println();
        System.out.println(md);
    }

    private static String memory() throws IOException {
        Matcher m = Pattern.compile("MemTotal:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc/meminfo")));
        return m.find() ? "%.1f GiB".formatted(Long.parseLong(m.group(1)) / 1024.0 / 1024.0) : "?";
    }

    private static String osName() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    private static String javaVersion() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    private static void awaitPort(String url) throws InterruptedException {
        for (int i = 0; i < 100 && status(url) != 200; i++) {
            Thread.sleep(100);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }
}
