package org.teeka;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A person's phone in tests: what the local SMSC received for a mobile number, read the way a
 * person (or a client written against the original API) would, over HTTP from
 * {@code GET /smsc/messages?mobile=<10 digits>} (newest first), not from Teeka's own tables.
 */
public final class SmscInbox {

    private static final Pattern OTP = Pattern.compile("^([0-9]{6})\\D");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SmscInbox(int port) {
        this.port = port;
    }

    /** The ids of the messages received for the mobile so far. */
    public Set<String> ids(String mobile) {
        Set<String> ids = new HashSet<>();
        for (JsonNode message : messages(mobile)) {
            ids.add(message.get("id").asString());
        }
        return ids;
    }

    /** The code of the newest sign-in SMS to the mobile, waiting for it to arrive. */
    public String otp(String mobile) {
        return otp(mobile, Set.of());
    }

    /** The code of the newest sign-in SMS to the mobile that is not one of {@code before}, waiting for it to arrive. */
    public String otp(String mobile, Set<String> before) {
        AtomicReference<String> code = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (JsonNode message : messages(mobile)) {
                Matcher m = OTP.matcher(message.get("text").asString());
                if (!before.contains(message.get("id").asString()) && m.find()) {
                    code.set(m.group(1));
                    return true;
                }
            }
            return false;
        });
        return code.get();
    }

    /** The messages received for the mobile, newest first. */
    public List<JsonNode> messages(String mobile) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/smsc/messages?mobile=" + mobile))
                    .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new AssertionError("GET /smsc/messages answered " + response.statusCode() + ": " + response.body());
            }
            List<JsonNode> messages = new ArrayList<>();
            JsonMapper.shared().readTree(response.body()).forEach(messages::add);
            return messages;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
