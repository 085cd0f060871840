package org.teeka.smsc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The simulator's HTTP submission API, shaped like a typical Indian bulk-SMS HTTP API: one call
 * per message ({@code POST /smsc/http/send}, form or JSON, or GET with query parameters) with
 * {@code to}, {@code text}, {@code sender}, {@code dlt_entity_id}, {@code dlt_template_id}, an
 * optional client {@code reference} and a {@code dlr_url} for the delivery report. Credentials are
 * HTTP Basic with an SMPP account (system_id and password), or the header {@code apikey} with the
 * default account's password. The answer is JSON: {@code {"status":"success","messageId":...}} or
 * {@code {"status":"error","code":...,"message":...}}. Messages go to the same store as those
 * received over SMPP, named {@code http}. The delivery report is POSTed as a form
 * ({@code messageId}, {@code status} DELIVRD or UNDELIV, {@code deliveredAt}) to the
 * {@code dlr_url}, which must be on this machine, and tried again every two seconds (up to 30
 * times) until it is answered 2xx. Its own failure modes ({@link SmscSimulator#httpFailureModes}):
 * down answers 503, a share is answered {@code SUBMIT_FAILED}, slow, undeliverable, no reports.
 */
@Component
@ConditionalOnBooleanProperty(name = "teeka.smsc.enabled", matchIfMissing = true)
public class SmscHttpApi {

    private static final Logger log = LoggerFactory.getLogger(SmscHttpApi.class);
    private static final int REPORT_TRIES = 30;
    private static final Duration REPORT_PAUSE = Duration.ofSeconds(2);

    /** What the API answers: an HTTP status and a JSON body. */
    public record Answer(int status, Map<String, Object> body) {

        static Answer error(int status, String code, String message) {
            var body = new LinkedHashMap<String, Object>();
            body.put("status", "error");
            body.put("code", code);
            body.put("message", message);
            return new Answer(status, body);
        }
    }

    private final SmscSimulator smsc;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong rejectCounter = new AtomicLong();
    private final AtomicLong undeliverableCounter = new AtomicLong();
    private final AtomicLong reportsSent = new AtomicLong();
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    SmscHttpApi(SmscSimulator smsc) {
        this.smsc = smsc;
    }

    /** Calls of the submission API so far, answered or not. */
    public long calls() {
        return calls.get();
    }

    /** Delivery reports the receiving end answered 2xx. */
    public long reportsSent() {
        return reportsSent.get();
    }

    /**
     * Takes one message. {@code user} and {@code password} come from HTTP Basic (both null without
     * it), {@code apiKey} from the {@code apikey} header.
     */
    public Answer submit(String user, String password, String apiKey, Map<String, String> parameters) {
        calls.incrementAndGet();
        SmscFailureModes modes = smsc.httpFailureModes();
        if (modes.down()) {
            return Answer.error(503, "SERVICE_UNAVAILABLE", "the SMS service is down");
        }
        String account = authenticate(user, password, apiKey);
        if (account == null) {
            return Answer.error(401, "AUTH_FAILED", "invalid credentials");
        }
        String to = mobile(parameters.get("to"));
        String text = parameters.get("text");
        if (to == null) {
            return Answer.error(400, "INVALID_NUMBER", "to must be a ten-digit Indian mobile number, optionally with 91 before it");
        }
        if (text == null || text.isEmpty()) {
            return Answer.error(400, "EMPTY_MESSAGE", "text is required");
        }
        String entity = parameters.get("dlt_entity_id");
        String template = parameters.get("dlt_template_id");
        if (blank(entity) || blank(template)) {
            return Answer.error(400, "DLT_MISSING", "dlt_entity_id and dlt_template_id are required");
        }
        String dlrUrl = parameters.get("dlr_url");
        URI report = blank(dlrUrl) ? null : localUri(dlrUrl);
        if (!blank(dlrUrl) && report == null) {
            return Answer.error(400, "INVALID_DLR_URL", "dlr_url must be an http URL on this machine");
        }
        if (!modes.slow().isZero()) {
            try {
                Thread.sleep(modes.slow());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Answer.error(503, "SERVICE_UNAVAILABLE", "interrupted");
            }
        }
        if (SmscSimulator.share(rejectCounter, modes.rejectPercent())) {
            return Answer.error(200, "SUBMIT_FAILED", "rejected by the simulator");
        }
        String id = smsc.nextMessageId();
        Instant now = smsc.clock().instant();
        boolean unicode = "1".equals(parameters.get("unicode")) || "true".equalsIgnoreCase(parameters.get("unicode")) || !gsmLike(text);
        String sender = blank(parameters.get("sender")) ? "TEEKAS" : parameters.get("sender");
        smsc.record(new ReceivedMessage(id, to, sender, text, parts(text, unicode), unicode ? 8 : 0,
                blank(parameters.get("reference")) ? null : parameters.get("reference"), entity, template, account, now,
                ReceivedMessage.HTTP));
        if (report != null && modes.receipts()) {
            boolean delivered = !SmscSimulator.share(undeliverableCounter, modes.undeliverablePercent());
            Thread.ofVirtual().name("smsc-http-report").start(() -> report(report, id, delivered));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("status", "success");
        body.put("messageId", id);
        return new Answer(200, body);
    }

    private String authenticate(String user, String password, String apiKey) {
        if (user != null) {
            return smsc.accountMatches(user, password) ? user : null;
        }
        if (apiKey != null) {
            return smsc.accountMatches(smsc.defaultSystemId(), apiKey) ? smsc.defaultSystemId() : null;
        }
        return null;
    }

    /** Sends the delivery report after the answer has left, and again until it is taken. */
    private void report(URI target, String id, boolean delivered) {
        try {
            Thread.sleep(50);
            for (int i = 0; i < REPORT_TRIES; i++) {
                if (!smsc.httpFailureModes().receipts() || smsc.httpFailureModes().down()) {
                    Thread.sleep(REPORT_PAUSE);
                    continue;
                }
                String form = Map.of("messageId", id, "status", delivered ? "DELIVRD" : "UNDELIV",
                                "deliveredAt", smsc.clock().instant().toString()).entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
                try {
                    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(target)
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() / 100 == 2) {
                        reportsSent.incrementAndGet();
                        return;
                    }
                    log.debug("Delivery report {} answered {}", id, response.statusCode());
                } catch (IOException e) {
                    log.debug("Delivery report {} not delivered now: {}", id, e.getMessage());
                }
                Thread.sleep(REPORT_PAUSE);
            }
            log.warn("SMSC simulator gave up the delivery report of {} after {} tries", id, REPORT_TRIES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The URL if it is http(s) on a loopback address: the simulator calls nowhere else. */
    private static URI localUri(String url) {
        try {
            URI uri = URI.create(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                return null;
            }
            return InetAddress.getByName(uri.getHost()).isLoopbackAddress() ? uri : null;
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
    }

    private static String mobile(String to) {
        if (to == null) {
            return null;
        }
        String digits = to.strip();
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        if (digits.matches("91[6-9][0-9]{9}")) {
            digits = digits.substring(2);
        }
        return digits.matches("[0-9]{10}") ? digits : null;
    }

    /** Printable ASCII is what this simulator counts as GSM-7; anything else goes as UCS-2, as most providers do. */
    private static boolean gsmLike(String text) {
        return text.chars().allMatch(c -> c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7F));
    }

    private static int parts(String text, boolean unicode) {
        int length = text.length();
        if (unicode) {
            return length <= 70 ? 1 : (length + 66) / 67;
        }
        return length <= 160 ? 1 : (length + 152) / 153;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
