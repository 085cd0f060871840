package org.teeka.platform;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.IntegrationTest;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads over the limit (20 MB by default), sent over real HTTP to the embedded Tomcat: MockMvc
 * would skip the multipart parsing where the limits are enforced. The answer is 413 with a page
 * saying the limit in the reader's language, not a broken connection (which a 2 MB
 * {@code server.tomcat.max-swallow-size} gives the 50 MB upload) nor Tomcat's bare 413.
 */
@IntegrationTest
class UploadLimitsIntegrationTests {

    private static final int MB = 1024 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aFiftyMegabyteListIsAnswered413WithAPageInTheReadersLanguage() throws Exception {
        int before = imports();

        HttpResponse<String> response = upload(50 * MB, "hi");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("फ़ाइल बहुत बड़ी है").contains("20 MB");
        assertThat(imports()).isEqualTo(before);
    }

    @Test
    void aFileJustOverTheFileLimitInARequestUnderTheRequestLimitIs413Too() throws Exception {
        HttpResponse<String> response = upload(20 * MB + 512 * 1024, "en");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("File too large").contains("The file is larger than 20 MB");
    }

    private HttpResponse<String> upload(int size, String language) throws Exception {
        String boundary = "teeka-test-boundary";
        var body = new ByteArrayOutputStream(size + 1024);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] rows = new byte[size];
        Arrays.fill(rows, (byte) 'a');
        body.writeBytes(rows);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/staff/lists/new"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept-Language", language)
                .header("Accept", "text/html,application/xhtml+xml")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private int imports() {
        return jdbc.sql("select count(*) from beneficiary_imports").query(Integer.class).single();
    }
}
