package org.teeka.platform.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admission control over real HTTP on the embedded Tomcat, with the bounds lowered so that a test
 * can fill a class: two public API reads and one citizen page at once. Requests that
 * hold their place until the test lets them go fill the class; what comes next is answered at once.
 * The waiting room is one per application context: the tests that queue someone run in a fixed
 * order, the one that leaves nobody behind first.
 */
@LoweredLimits
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdmissionIntegrationTests {

    private static final Pattern POSITION = Pattern.compile("Your position in the queue: (\\d+)");

    @LocalServerPort
    int port;

    @Autowired
    Holding holding;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ServletWebServerApplicationContext server;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void letGo() {
        holding.release.countDown();
    }

    @Test
    @Order(1)
    void refusesAtOnceWhatWaitedTooLongForAThreadWhenNoneIsFree() throws Exception {
        busyAllRequestThreads();
        double lateBefore = meters.counter("teeka.admission.late").count();
        var waiting = new ArrayList<CompletableFuture<HttpResponse<String>>>();
        for (int i = 0; i < 5; i++) {
            waiting.add(send(http, "/api/v2/admin/location/states"));
        }
        var page = send(http, "/staff/login?lang=hi");
        HttpClient citizen = person();
        var citizenPage = send(citizen, "/test/page");
        for (var answer : waiting) {
            var refused = answer.get(20, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).contains("3");
            assertThat(refused.body()).contains("\"errorCode\":\"request.error.overloaded\"");
        }
        var refusedPage = page.get(20, TimeUnit.SECONDS);
        assertThat(refusedPage.statusCode()).isEqualTo(429);
        assertThat(refusedPage.headers().firstValue("Retry-After")).contains("3");
        assertThat(refusedPage.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(refusedPage.body()).contains("टीका पर इस समय बहुत भीड़ है। कृपया 3 सेकंड बाद फिर से प्रयास करें।")
                .doesNotContain("Exception");
        // a citizen's page is not turned away but given a place in the waiting room
        var queued = citizenPage.get(20, TimeUnit.SECONDS);
        assertThat(position(queued)).isEqualTo(1);
        assertThat(queued.headers().firstValue("Refresh")).as("at the front: the page comes back every second").contains("1");
        assertThat(meters.counter("teeka.admission.late").count() - lateBefore).isEqualTo(7);
        // once threads are free again, requests are served; a second citizen finds the place free, which calls the first
        assertThat(get(http, "/api/v2/admin/location/states").statusCode()).isEqualTo(200);
        HttpClient second = person();
        assertThat(position(get(second, "/test/page"))).isEqualTo(2);
        // someone called is let in even when their page waited too long for a thread; someone not yet called is not
        busyAllRequestThreads();
        var calledPage = send(citizen, "/test/page");
        var secondPage = send(second, "/test/page");
        assertThat(admitted(calledPage.get(20, TimeUnit.SECONDS))).isTrue();
        assertThat(position(secondPage.get(20, TimeUnit.SECONDS))).isBetween(1, 2);
        awaitNoCitizenPageRunning();
        assertThat(admitted(get(second, "/test/page"))).isTrue();
        assertThat(meters.get("teeka.admission.queue").tag("class", "citizen-pages").gauge().value()).isZero();
    }

    /**
     * Every request thread of Tomcat's pool busy for 2.5 s, as under a storm: requests handed over by Tomcat meanwhile
     * wait in the pool's queue, before any filter.
     */
    private void busyAllRequestThreads() throws InterruptedException {
        var pool = (org.apache.tomcat.util.threads.ThreadPoolExecutor) ((QueueDelay.Timing) ((TomcatWebServer) server.getWebServer())
                .getTomcat().getConnector().getProtocolHandler().getExecutor()).executor();
        int threads = pool.getMaximumPoolSize();
        var busy = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            pool.execute(() -> {
                busy.countDown();
                try {
                    Thread.sleep(2_500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertThat(busy.await(10, TimeUnit.SECONDS)).as("all %d request threads taken", threads).isTrue();
    }

    @Test
    @Order(2)
    void refusesTheExcessOfAFullClassAtOnceWith429RetryAfterAndAProblem() throws Exception {
        holding.reset();
        var held = List.of(send(http, "/api/test/hold"), send(http, "/api/test/hold"));
        assertThat(holding.entered.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();
        double shedBefore = meters.counter("teeka.admission.shed", "class", "public-api").count();

        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            var refused = get(http, "/api/v2/admin/location/states");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).contains("3");
            // the CoWIN API's own error shape
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(refused.body()).isEqualTo("{\"errorCode\":\"request.error.overloaded\","
                    + "\"error\":\"Teeka is very busy right now. Please try again in 3 seconds.\"}");
            assertThat(millis).as("answered at once, not after waiting for a place").isLessThan(500);
        }
        // a client refused keeps its connection for its retry (a 503 would have made Tomcat close it)
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            for (int i = 0; i < 2; i++) {
                var refused = exchange(socket, "/api/v2/admin/location/states", "");
                assertThat(refused.head()).startsWith("HTTP/1.1 429").doesNotContainIgnoringCase("Connection: close");
                assertThat(refused.body()).contains("\"errorCode\":\"request.error.overloaded\"");
            }
        }
        // Teeka's own APIs: problem details
        var problem = get(http, "/api/test/hold");
        assertThat(problem.statusCode()).isEqualTo(429);
        assertThat(problem.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(problem.body()).contains("\"code\":\"request.error.overloaded\"").contains("\"status\":429")
                .contains("\"title\":\"Very busy\"").contains("Please try again in 3 seconds");
        var inHindi = http.send(HttpRequest.newBuilder(uri("/api/v2/appointment/sessions/public/calendarByDistrict?district_id=624&date=01-12-2026"))
                .header("Accept-Language", "hi").header("Origin", "https://example.org").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(inHindi.statusCode()).isEqualTo(429);
        assertThat(inHindi.body()).contains("\"errorCode\":\"request.error.overloaded\"").contains("बहुत भीड़");
        assertThat(inHindi.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(meters.counter("teeka.admission.shed", "class", "public-api").count() - shedBefore).isEqualTo(24);
        assertThat(meters.get("teeka.admission.in-flight").tag("class", "public-api").gauge().value()).isEqualTo(2);

        // other classes and the exempt paths are untouched by a full public API
        assertThat(get(http, "/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get(http, "/css/teeka.css").statusCode()).isEqualTo(200);
        assertThat(get(http, "/test/page").statusCode()).isEqualTo(200);

        holding.release.countDown();
        for (var response : held) {
            assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(get(http, "/api/v2/admin/location/states").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void theWaitingRoomHandsOutPlacesInOrderKeepsThemAcrossRefreshesAndLetsPeopleInFirstComeFirstServed() throws Exception {
        var holder = holdTheCitizenPage(http);
        HttpClient a = person(), b = person(), c = person(), d = person(), e = person();

        var first = get(a, "/test/page");
        assertThat(position(first)).isEqualTo(1);
        assertThat(first.headers().firstValue("Refresh")).as("near the front").contains("1");
        assertThat(position(get(b, "/test/page"))).isEqualTo(2);
        var third = get(c, "/test/page");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).contains("1");
        assertThat(third.headers().firstValue("Refresh")).as("within four windows of one of the front").contains("1");
        assertThat(third.body()).contains("You are in the queue").contains("http-equiv=\"refresh\"");
        assertThat(position(third)).isEqualTo(3);
        // refreshing keeps one's place
        assertThat(position(get(a, "/test/page"))).isEqualTo(1);
        assertThat(position(get(c, "/test/page"))).isEqualTo(3);
        assertThat(get(b, "/test/page?lang=hi").body()).contains("कतार में आपका स्थान: 2").contains("आप कतार में हैं");
        // a forged ticket is worth nothing: its bearer queues at the end
        HttpClient forger = person();
        var forged = forger.send(HttpRequest.newBuilder(uri("/test/page")).header("Cookie", Admission.TICKET_COOKIE + "=x.1.0123456789abcdef0123456789abcdef")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(position(forged)).isEqualTo(4);
        assertThat(meters.get("teeka.admission.queue").tag("class", "citizen-pages").gauge().value()).isEqualTo(4);

        holding.release.countDown();
        assertThat(holder.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

        // a place is free: the first in line gets it; a visitor further back finds it taken and waits
        assertThat(letIn(a, "/test/page", 1)).isTrue();
        assertThat(position(get(c, "/test/page"))).isEqualTo(2);
        assertThat(position(get(d, "/test/page"))).isEqualTo(4);
        // then the rest, in order
        assertThat(letIn(b, "/test/page", 1)).isTrue();
        assertThat(letIn(c, "/test/page", 1)).isTrue();
        assertThat(position(get(d, "/test/page"))).isEqualTo(2);
        // once let in from the queue, a person goes on to the next page without queueing again
        awaitNoCitizenPageRunning();
        assertThat(admitted(get(a, "/test/page?again"))).isTrue();
        // the forged ticket's bearer, ahead of d, does not come back: the free place is handed on to d at d's
        // next visits instead of being kept for them until their ticket lapses
        assertThat(letIn(d, "/test/page", 2)).isTrue();
        // and a newcomer behind a ticket whose turn has passed is let in (at once, once d's place is given back)
        assertThat(letIn(e, "/test/page", 2)).isTrue();
        assertThat(meters.get("teeka.admission.queue").tag("class", "citizen-pages").gauge().value()).isEqualTo(1);
        // the forger, back at last with the real ticket they were given, is let in: their turn has passed
        awaitNoCitizenPageRunning();
        assertThat(admitted(get(forger, "/test/page"))).isTrue();
        assertThat(meters.get("teeka.admission.queue").tag("class", "citizen-pages").gauge().value()).isZero();

        // someone called whose place is taken before they come back keeps their turn, and is told so
        var held = holdTheCitizenPage(a);
        // someone let in lately who finds the place taken is asked to try again, not sent to the end of the line
        var busy = get(b, "/test/page");
        assertThat(busy.statusCode()).isEqualTo(429);
        assertThat(busy.body()).contains("Please try again in 3 seconds").doesNotContain("Your position");
        assertThat(busy.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith(Admission.TICKET_COOKIE + "="));
        HttpClient f = person(), g = person();
        get(f, "/test/page");
        assertThat(get(g, "/test/page").statusCode()).isEqualTo(429);
        holding.release.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        awaitNoCitizenPageRunning();
        assertThat(get(g, "/test/page").statusCode()).as("g's visit calls f").isEqualTo(429);
        held = holdTheCitizenPage(a);
        var called = get(f, "/test/page");
        assertThat(called.statusCode()).isEqualTo(429);
        assertThat(called.body()).contains("It is your turn").doesNotContain("Your position");
        assertThat(called.headers().firstValue("Refresh")).contains("1");
        assertThat(get(f, "/test/page?lang=hi").body()).contains("आपकी बारी आ गई है");
        holding.release.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        awaitNoCitizenPageRunning();
        assertThat(admitted(get(f, "/test/page"))).isTrue();
        // and g after them, leaving nobody in the queue that the classes sharing this context would find ahead of them
        awaitNoCitizenPageRunning();
        assertThat(letIn(g, "/test/page", 1)).isTrue();
        assertThat(meters.get("teeka.admission.queue").tag("class", "citizen-pages").gauge().value()).isZero();
    }

    /**
     * A refused form is answered without its body being read: the refusal's language comes from the cookie or
     * Accept-Language, not from a {@code lang} field, so a form whose body is still arriving (slowly, or never) gets its
     * refusal as soon as it is refused rather than when the body has come or the read timed out.
     */
    @Test
    @Order(4)
    void refusesAFormWithoutWaitingForItsBody() throws Exception {
        busyAllRequestThreads();
        long start = System.nanoTime();
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write(("POST /staff/login HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: hi\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nlang=en&username=a")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(status).startsWith("HTTP/1.1 429");
            assertThat(millis).as("refused once a thread was free (2.5 s), not after the body's read timed out").isLessThan(6_000);
            String rest = in.lines().collect(Collectors.joining("\n"));
            assertThat(rest).contains("बहुत भीड़").doesNotContain("Exception");
        }
    }

    /**
     * The waiting room answers 429 and keeps the connection, so the page's next refresh comes on it. A 503 would have
     * Tomcat close it (it ends the connection after a 503, with no setting to change that): under the benchmark's
     * overload every refresh then connected anew, the request threads queued on the poller's lock to close those
     * connections, and the ones let in waited seconds for a connection slot (README "Launch-day benchmark").
     */
    @Test
    @Order(5)
    void theWaitingRoomKeepsTheConnectionForTheNextRefresh() throws Exception {
        var holder = holdTheCitizenPage(http);
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            var queued = exchange(socket, "");
            assertThat(queued.head()).startsWith("HTTP/1.1 429").containsIgnoringCase("\r\nRefresh: 1\r\n")
                    .doesNotContainIgnoringCase("Connection: close");
            assertThat(queued.body()).contains("Your position in the queue: 1");
            Matcher ticket = Pattern.compile("Set-Cookie: (" + Admission.TICKET_COOKIE + "=[^;]+)", Pattern.CASE_INSENSITIVE)
                    .matcher(queued.head());
            assertThat(ticket.find()).as(queued.head()).isTrue();

            holding.release.countDown();
            assertThat(holder.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            awaitNoCitizenPageRunning();
            var refreshed = exchange(socket, "Cookie: " + ticket.group(1) + "\r\n");
            assertThat(refreshed.head()).as("the refresh, on the same connection, lets them in").startsWith("HTTP/1.1 200");
            assertThat(refreshed.body()).isEqualTo("in");
        }
        assertThat(meters.get("teeka.admission.queue").tag("class", "citizen-pages").gauge().value()).isZero();
    }

    private record Answer(String head, String body) {
    }

    /** GET /test/page on the socket, with the extra header lines given, and its answer read to the end of its body. */
    private static Answer exchange(Socket socket, String headers) throws IOException {
        return exchange(socket, "/test/page", headers);
    }

    private static Answer exchange(Socket socket, String path, String headers) throws IOException {
        var out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        var in = socket.getInputStream();
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the answer's head, on a connection still open: " + head).isNotNegative();
            head.append((char) b);
        }
        Matcher length = Pattern.compile("Content-Length: (\\d+)", Pattern.CASE_INSENSITIVE).matcher(head);
        assertThat(length.find()).as(head.toString()).isTrue();
        return new Answer(head.toString(), new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8));
    }

    /**
     * The one citizen-page place taken by a request that holds it until the test lets it go. The place a page answered
     * just before is given back only after its answer has reached the client, so that is awaited first: a hold sent at
     * once found the place still taken (CI).
     */
    private CompletableFuture<HttpResponse<String>> holdTheCitizenPage(HttpClient client) throws InterruptedException {
        awaitNoCitizenPageRunning();
        holding.reset();
        var held = send(client, "/test/hold");
        assertThat(holding.entered.tryAcquire(1, 10, TimeUnit.SECONDS)).as("the hold got the place").isTrue();
        return held;
    }

    private void awaitNoCitizenPageRunning() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (meters.get("teeka.admission.in-flight").tag("class", "citizen-pages").gauge().value() > 0) {
            assertThat(System.nanoTime()).as("no citizen page running within 5 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /**
     * Whether the person is let in, refreshing until they are (for at most 3 s) and, on every refresh
     * meanwhile, at that place in line or told it is their turn (called while the place is still
     * taken): the previous visitor's place is given back just after their answer has reached them,
     * so the very next request may still find it taken.
     */
    private boolean letIn(HttpClient person, String path, int placeWhileWaiting) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (true) {
            var response = get(person, path);
            if (admitted(response)) {
                return true;
            }
            if (!response.body().contains("It is your turn")) {
                assertThat(position(response)).as("waiting at their place in line").isEqualTo(placeWhileWaiting);
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
    }

    private static boolean admitted(HttpResponse<String> response) {
        return response.statusCode() == 200 && response.body().equals("in");
    }

    private static int position(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        var matcher = POSITION.matcher(response.body());
        assertThat(matcher.find()).as(response.body()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static HttpClient person() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> send(HttpClient client, String path) {
        return send(client, "GET", path);
    }

    private CompletableFuture<HttpResponse<String>> send(HttpClient client, String method, String path) {
        return client.sendAsync(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Test-only endpoints that hold their place in a class until the test lets them go. */
    @TestConfiguration
    @RestController
    static class Holding {

        private final JdbcClient jdbc;

        Holding(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        /** A runaway statement, which the statement timeout cancels. */
        @GetMapping("/api/test/sleep")
        String sleep() {
            return String.valueOf(jdbc.sql("select pg_sleep(60)").query().singleValue());
        }

        final Semaphore entered = new Semaphore(0);
        volatile CountDownLatch release = new CountDownLatch(1);

        void reset() {
            entered.drainPermits();
            release = new CountDownLatch(1);
        }

        @GetMapping({"/api/test/hold", "/test/hold"})
        String hold() throws InterruptedException {
            CountDownLatch latch = release;
            entered.release();
            latch.await(15, TimeUnit.SECONDS);
            return "held";
        }

        @GetMapping("/test/page")
        String page() {
            return "in";
        }
    }
}
