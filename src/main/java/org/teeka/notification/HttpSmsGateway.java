package org.teeka.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.teeka.platform.Gsm7;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * SMS over a provider's HTTP API, one request per message, everything about the request and the
 * answer configurable ({@link HttpSmsSettings}). What an answer means for the outbox:
 *
 * <ul>
 * <li>no connection (refused, connect timeout), 503 or 429: the provider did not take the message: {@code NOT_SENT};
 * <li>no answer in time, the connection lost after sending, or another 5xx: it may have been taken: {@code UNCONFIRMED};
 * <li>another 4xx, or a 2xx whose status field does not say success: {@code REJECTED};
 * <li>a 2xx saying success: sent, with the provider's message id, which its delivery report names.
 * </ul>
 *
 * Delivery reports come back through {@link HttpDeliveryReports}, authenticated with a shared secret.
 */
@Component
@ConditionalOnBooleanProperty(name = "teeka.sms.http.enabled")
class HttpSmsGateway implements SmsGateway, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HttpSmsGateway.class);
    private static final int MAX_ERROR = 200;

    private final HttpSmsSettings settings;
    private final DltTemplates dlt;
    private final Environment environment;
    private final JsonMapper json;
    private final Semaphore open;
    private final Pattern textPattern;
    private final String callbackSecret;
    private final HttpClient client;

    HttpSmsGateway(HttpSmsSettings settings, DltTemplates dlt, Environment environment, JsonMapper json) {
        this.settings = settings;
        this.dlt = dlt;
        this.environment = environment;
        this.json = json;
        this.open = new Semaphore(settings.maxConcurrent(), true);
        this.textPattern = Pattern.compile(settings.response().textPattern());
        if (settings.callback().secret().isBlank()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            this.callbackSecret = HexFormat.of().formatHex(random);
            log.info("No teeka.sms.http.callback.secret set: delivery reports are accepted with a random secret of this process only");
        } else {
            this.callbackSecret = settings.callback().secret();
        }
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /** Ready when the URL can be resolved: an HTTP provider has no link to keep, its failures show in the answers. */
    @Override
    public boolean ready() {
        return !settings.url().contains(HttpSmsSettings.LOCAL_PORT) || localPort() > 0;
    }

    /** Whether a delivery report carries the shared secret (compared in constant time). */
    boolean secretMatches(String secret) {
        return secret != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), callbackSecret.getBytes(StandardCharsets.UTF_8));
    }

    HttpSmsSettings.Callback callback() {
        return settings.callback();
    }

    @Override
    public String send(OutgoingSms sms) throws SmsNotSentException {
        if (!ready()) {
            throw new SmsNotSentException(SmsNotSentException.Outcome.NOT_SENT, "HTTP gateway: the local port is not known yet");
        }
        HttpRequest request = request(sms);
        try {
            open.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsNotSentException(SmsNotSentException.Outcome.NOT_SENT, "interrupted while waiting to send", e);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new SmsNotSentException(SmsNotSentException.Outcome.NOT_SENT, "HTTP gateway: no connection: " + e, e);
        } catch (HttpTimeoutException e) {
            throw new SmsNotSentException(SmsNotSentException.Outcome.UNCONFIRMED,
                    "HTTP gateway: no answer within " + settings.requestTimeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw new SmsNotSentException(SmsNotSentException.Outcome.UNCONFIRMED, "HTTP gateway: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsNotSentException(SmsNotSentException.Outcome.UNCONFIRMED, "interrupted while waiting for the answer", e);
        } finally {
            open.release();
        }
        return read(response);
    }

    private String read(HttpResponse<String> response) throws SmsNotSentException {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status == 503 || status == 429) {
            throw new SmsNotSentException(SmsNotSentException.Outcome.NOT_SENT, "HTTP " + status + " " + cut(body));
        }
        if (status >= 500) {
            throw new SmsNotSentException(SmsNotSentException.Outcome.UNCONFIRMED, "HTTP " + status + " " + cut(body));
        }
        if (status / 100 != 2) {
            throw new SmsNotSentException(SmsNotSentException.Outcome.REJECTED, "HTTP " + status + " " + cut(body));
        }
        var answer = settings.response();
        if ("text".equals(answer.format())) {
            Matcher matcher = textPattern.matcher(body.strip());
            if (!matcher.find() || matcher.groupCount() < 1 || matcher.group(1) == null) {
                throw new SmsNotSentException(SmsNotSentException.Outcome.REJECTED, "HTTP " + status + " " + cut(body));
            }
            return matcher.group(1);
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw new SmsNotSentException(SmsNotSentException.Outcome.UNCONFIRMED, "HTTP " + status + ", not JSON: " + cut(body), e);
        }
        if (!answer.statusPointer().isBlank()) {
            JsonNode state = node.at(answer.statusPointer());
            String value = state.isMissingNode() || state.isNull() ? null : state.asString();
            if (value == null || answer.successValues().stream().noneMatch(value::equalsIgnoreCase)) {
                throw new SmsNotSentException(SmsNotSentException.Outcome.REJECTED, "HTTP " + status + " " + cut(body));
            }
        }
        JsonNode id = node.at(answer.messageIdPointer());
        if (id.isMissingNode() || id.isNull() || id.asString().isBlank()) {
            // taken, but without an id no delivery report can be matched: the message may be on its way
            throw new SmsNotSentException(SmsNotSentException.Outcome.UNCONFIRMED, "HTTP " + status + " without a message id: " + cut(body));
        }
        return id.asString();
    }

    private HttpRequest request(OutgoingSms sms) {
        Map<String, String> values = new LinkedHashMap<>(settings.fixedParameters());
        var names = settings.parameters();
        put(values, names.to(), settings.mobilePrefix() + sms.mobile());
        put(values, names.text(), sms.text());
        put(values, names.sender(), settings.sender());
        put(values, names.entityId(), dlt.entityId());
        put(values, names.templateId(), dlt.templateId(sms.template(), sms.language()));
        put(values, names.reference(), sms.id().toString());
        if (!Gsm7.canEncode(sms.text())) {
            put(values, names.unicode(), "1");
        }
        if (!settings.callback().url().isBlank()) {
            put(values, names.callbackUrl(), local(settings.callback().url())
                    .replace("{secret}", URLEncoder.encode(callbackSecret, StandardCharsets.UTF_8)));
        }
        URI uri = URI.create(local(settings.url()));
        var builder = HttpRequest.newBuilder().timeout(settings.requestTimeout()).header("Accept", "application/json, text/plain");
        switch (settings.auth().type()) {
            case "basic" -> builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (settings.auth().username() + ":" + settings.auth().password()).getBytes(StandardCharsets.UTF_8)));
            case "header" -> builder.header(settings.auth().header(), settings.auth().secret());
            default -> {
            }
        }
        if ("GET".equals(settings.method())) {
            String query = form(values);
            String base = uri.toString();
            return builder.uri(URI.create(base + (base.contains("?") ? "&" : "?") + query)).GET().build();
        }
        if ("json".equals(settings.encoding())) {
            return builder.uri(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(values), StandardCharsets.UTF_8)).build();
        }
        return builder.uri(uri).header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form(values), StandardCharsets.UTF_8)).build();
    }

    private static void put(Map<String, String> values, String name, String value) {
        if (name != null && !name.isBlank()) {
            values.put(name, value);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private String local(String url) {
        return url.replace(HttpSmsSettings.LOCAL_PORT, Integer.toString(localPort()));
    }

    private int localPort() {
        return environment.getProperty("local.server.port", Integer.class, 0);
    }

    private static String cut(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() > MAX_ERROR ? oneLine.substring(0, MAX_ERROR) + "…" : oneLine;
    }

    @Override
    public void destroy() {
        client.close();
    }
}
