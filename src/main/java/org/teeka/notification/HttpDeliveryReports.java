package org.teeka.notification;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.teeka.platform.TeekaException;

import java.util.Locale;
import java.util.Map;

/**
 * Delivery reports an HTTP provider sends back. A report names the provider's message id and a
 * status; a final status goes the same way as an SMPP receipt ({@link DeliveryReceipts}): written
 * to {@code sms_receipts} before the provider gets its answer, then applied to the outbox row.
 * Statuses are read as SMPP receipt states, with the words providers commonly use besides.
 */
@Component
public class HttpDeliveryReports {

    /** What became of a report. */
    public enum Result {
        /** A final status, written. */
        RECORDED,
        /** An intermediate status (accepted, en route, ...): nothing to do. */
        IGNORED
    }

    private static final Map<String, String> STATES = Map.ofEntries(
            Map.entry("DELIVRD", "DELIVRD"), Map.entry("DELIVERED", "DELIVRD"), Map.entry("DELIVERY_SUCCESS", "DELIVRD"),
            Map.entry("UNDELIV", "UNDELIV"), Map.entry("UNDELIVERED", "UNDELIV"), Map.entry("FAILED", "UNDELIV"),
            Map.entry("EXPIRED", "EXPIRED"), Map.entry("REJECTD", "REJECTD"), Map.entry("REJECTED", "REJECTD"),
            Map.entry("DELETED", "DELETED"), Map.entry("UNKNOWN", "UNKNOWN"));
    private static final java.util.Set<String> INTERMEDIATE = java.util.Set.of("ACCEPTD", "ACCEPTED", "ENROUTE", "SUBMITTED", "SENT", "PENDING");

    private final ObjectProvider<HttpSmsGateway> gateway;
    private final ObjectProvider<DeliveryReceipts> receipts;

    HttpDeliveryReports(ObjectProvider<HttpSmsGateway> gateway, ObjectProvider<DeliveryReceipts> receipts) {
        this.gateway = gateway;
        this.receipts = receipts;
    }

    /** The names of the report's parameters: message id and status. */
    public String idParameter() {
        HttpSmsGateway http = gateway.getIfAvailable();
        return http == null ? "messageId" : http.callback().idParameter();
    }

    public String statusParameter() {
        HttpSmsGateway http = gateway.getIfAvailable();
        return http == null ? "status" : http.callback().statusParameter();
    }

    /**
     * Takes one report; returns once a final one is committed. Throws {@link ForbiddenReportException}
     * for a missing or wrong secret (or no HTTP gateway) and {@link InvalidReportException} for a
     * report without an id or with an unknown status.
     */
    public Result report(String secret, String providerMessageId, String status) throws InterruptedException {
        HttpSmsGateway http = gateway.getIfAvailable();
        DeliveryReceipts written = receipts.getIfAvailable();
        if (http == null || written == null || !http.secretMatches(secret)) {
            throw new ForbiddenReportException();
        }
        String upper = status == null ? "" : status.strip().toUpperCase(Locale.ROOT);
        if (providerMessageId == null || providerMessageId.isBlank() || providerMessageId.length() > 100) {
            throw new InvalidReportException();
        }
        if (INTERMEDIATE.contains(upper)) {
            return Result.IGNORED;
        }
        String state = STATES.get(upper);
        if (state == null) {
            throw new InvalidReportException();
        }
        written.record(providerMessageId.strip(), state);
        return Result.RECORDED;
    }

    /** 403: the report's secret is missing or wrong. */
    public static final class ForbiddenReportException extends TeekaException {
        ForbiddenReportException() {
            super(HttpStatus.FORBIDDEN, "notification.delivery-report.forbidden");
        }
    }

    /** 400: no message id, or a status that is not known. */
    public static final class InvalidReportException extends TeekaException {
        InvalidReportException() {
            super(HttpStatus.BAD_REQUEST, "notification.delivery-report.invalid");
        }
    }
}
