package org.teeka.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits that keep one client from holding the platform: header and body sizes, a deadline
 * for a request's head (slowloris), the statement timeout. Over real sockets to the embedded Tomcat.
 */
@LoweredLimits
class LimitsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void answersHeadersLargerThanTheLimitAtOnce() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /api/v2/admin/location/states HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                    + "x".repeat(20 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 431").contains("Request headers too large: they may be 16 KB at most")
                    .contains("अनुरोध के हेडर बहुत बड़े हैं").doesNotContain("Exception").doesNotContain("Tomcat");
        }
    }

    @Test
    void refusesABodyLargerThanTheLimitBeforeReadingIt() throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri("/api/v2/auth/public/generateOTP"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"mobile\":\"" + "9".repeat(100 * 1024) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"code\":\"request.error.body-too-large\"").contains("64 KB");
    }

    @Test
    void refusesABodySentInChunksOnceItPassesTheLimit() throws Exception {
        byte[] body = ("{\"mobile\":\"" + "9".repeat(100 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII);
        var response = http.send(HttpRequest.newBuilder(uri("/api/v2/auth/public/generateOTP"))
                .header("Content-Type", "application/json").header("Accept-Language", "hi")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        // the CoWIN API answers in CoWIN's error shape
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("अनुरोध बहुत बड़ा है");
    }

    @Test
    void cancelsARunawayStatementWithACleanAnswer() throws Exception {
        long start = System.nanoTime();
        var response = http.send(HttpRequest.newBuilder(uri("/api/test/sleep")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(response.body()).contains("\"code\":\"request.error.timeout\"").contains("took too long");
        assertThat(seconds).isBetween(4L, 10L);
        assertThat(jdbc.sql("show idle_in_transaction_session_timeout").query(String.class).single()).isEqualTo("1min");
    }

    @Test
    void cutsOffClientsTricklingTheirHeadersAndKeepsServingOthers() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(10);
                socket.getOutputStream().write("GET /api/v2/admin/location/states HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            long start = System.nanoTime();
            List<Socket> open = new ArrayList<>(slow);
            long slowestNormal = 0;
            // a header byte a second from each slow client for up to twelve seconds; normal requests meanwhile
            long allClosed = 0;
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(12)) {
                open.removeIf(socket -> !trickle(socket));
                if (open.isEmpty()) {
                    // timed when the last slow client is seen cut off, not after the pause that follows
                    allClosed = System.nanoTime();
                    break;
                }
                long before = System.nanoTime();
                var normal = http.send(HttpRequest.newBuilder(uri("/api/v2/admin/location/states")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(normal.statusCode()).isEqualTo(200);
                slowestNormal = Math.max(slowestNormal, System.nanoTime() - before);
                Thread.sleep(1_000);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds((open.isEmpty() ? allClosed : System.nanoTime()) - start);

            assertThat(open).as("slow clients still connected after %d s", seconds).isEmpty();
            assertThat(seconds).isLessThan(9);
            assertThat(TimeUnit.NANOSECONDS.toMillis(slowestNormal)).isLessThan(1_000);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /** Sends one more header byte; false once the server has closed the connection. */
    private static boolean trickle(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write('X');
            out.flush();
            InputStream in = socket.getInputStream();
            try {
                in.read();
                // an answer (such as 408) or the end of the stream: the server has given up on this request
                return false;
            } catch (SocketTimeoutException stillOpen) {
                return true;
            }
        } catch (IOException closed) {
            return false;
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
