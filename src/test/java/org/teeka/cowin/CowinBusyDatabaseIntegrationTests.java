package org.teeka.cowin;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.teeka.IntegrationTest;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When every pooled database connection is busy for longer than a request may wait for one, a
 * CoWIN call is answered 503 with Retry-After in CoWIN's error shape and the caller's language:
 * the platform is busy, come back shortly; never a 500 (the launch-day benchmark saw 500s here).
 */
@IntegrationTest
class CowinBusyDatabaseIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void answersBusyWithRetryAfterWhenNoConnectionIsFreeInTime() throws Exception {
        var pool = dataSource.unwrap(HikariDataSource.class);
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                held.add(pool.getConnection());
            }
            var english = generateOtp("en");
            var hindi = generateOtp("hi");

            assertThat(english.statusCode()).isEqualTo(503);
            assertThat(english.headers().firstValue("Retry-After")).contains("1");
            assertThat(english.body()).contains("\"errorCode\":\"request.error.timeout\"").contains("took too long")
                    .doesNotContain("Exception");
            assertThat(hindi.statusCode()).isEqualTo(503);
            assertThat(hindi.body()).contains("\"errorCode\":\"request.error.timeout\"").contains("बहुत अधिक समय");
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    private HttpResponse<String> generateOtp(String language) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/auth/public/generateOTP"))
                .header("Content-Type", "application/json").header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString("{\"mobile\":\"9876512345\"}"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
