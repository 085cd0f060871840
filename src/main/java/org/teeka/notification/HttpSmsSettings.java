package org.teeka.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the generic HTTP gateway reaches a provider that speaks only HTTP. In {@code url} and
 * {@code callback.url}, {@code {local-port}} stands for this process's own HTTP port (the local
 * SMSC simulator's HTTP API in the default run).
 *
 * @param enabled whether the HTTP gateway exists at all
 * @param url where one message is submitted
 * @param method {@code POST} or {@code GET} (GET sends the parameters in the query string)
 * @param encoding how POST sends the parameters: {@code form} or {@code json}
 * @param parameters the provider's name for each value; a blank name leaves that value out
 * @param mobilePrefix put before the ten digits ({@code 91} for most Indian APIs, may be empty)
 * @param sender the sender id (DLT header)
 * @param fixedParameters sent with every message as they are (route, account type, ...)
 * @param auth how the gateway proves who it is
 * @param response how success and the provider's message id are read from the answer
 * @param connectTimeout how long a connection may take; a refused or timed-out connection means the message never left
 * @param requestTimeout how long the answer may take; without an answer the message counts as unconfirmed
 * @param maxConcurrent requests open at once at most
 * @param callback the delivery-report callback the provider calls
 */
@ConfigurationProperties("teeka.sms.http")
record HttpSmsSettings(boolean enabled, String url, String method, String encoding, Parameters parameters, String mobilePrefix,
                       String sender, Map<String, String> fixedParameters, Auth auth, Response response,
                       Duration connectTimeout, Duration requestTimeout, int maxConcurrent, Callback callback) {

    static final String LOCAL_PORT = "{local-port}";

    HttpSmsSettings {
        url = url == null ? "" : url.strip();
        method = method == null || method.isBlank() ? "POST" : method.strip().toUpperCase(Locale.ROOT);
        encoding = encoding == null || encoding.isBlank() ? "form" : encoding.strip().toLowerCase(Locale.ROOT);
        parameters = parameters == null ? new Parameters(null, null, null, null, null, null, null, null) : parameters;
        mobilePrefix = mobilePrefix == null ? "91" : mobilePrefix.strip();
        sender = sender == null || sender.isBlank() ? "TEEKAS" : sender;
        fixedParameters = fixedParameters == null ? Map.of() : Map.copyOf(fixedParameters);
        auth = auth == null ? new Auth(null, null, null, null, null) : auth;
        response = response == null ? new Response(null, null, null, null, null) : response;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        maxConcurrent = maxConcurrent <= 0 ? 50 : maxConcurrent;
        callback = callback == null ? new Callback(null, null, null, null) : callback;
        if (!List.of("POST", "GET").contains(method)) {
            throw new IllegalArgumentException("teeka.sms.http.method must be POST or GET");
        }
        if (!List.of("form", "json").contains(encoding)) {
            throw new IllegalArgumentException("teeka.sms.http.encoding must be form or json");
        }
        if (enabled && url.isBlank()) {
            throw new IllegalArgumentException("teeka.sms.http.url is required when the HTTP gateway is enabled");
        }
    }

    /** The provider's parameter names; blank leaves the value out. */
    record Parameters(String to, String text, String sender, String entityId, String templateId, String reference,
                      String unicode, String callbackUrl) {

        Parameters {
            to = to == null ? "to" : to;
            text = text == null ? "text" : text;
            sender = sender == null ? "sender" : sender;
            entityId = entityId == null ? "dlt_entity_id" : entityId;
            templateId = templateId == null ? "dlt_template_id" : templateId;
            reference = reference == null ? "reference" : reference;
            unicode = unicode == null ? "unicode" : unicode;
            callbackUrl = callbackUrl == null ? "dlr_url" : callbackUrl;
        }
    }

    /**
     * @param type {@code none}, {@code basic} (username and password) or {@code header} (a header named {@code header} carrying {@code secret})
     */
    record Auth(String type, String username, String password, String header, String secret) {

        Auth {
            type = type == null || type.isBlank() ? "none" : type.strip().toLowerCase(Locale.ROOT);
            username = username == null ? "" : username;
            password = password == null ? "" : password;
            header = header == null || header.isBlank() ? "apikey" : header;
            secret = secret == null ? "" : secret;
            if (!List.of("none", "basic", "header").contains(type)) {
                throw new IllegalArgumentException("teeka.sms.http.auth.type must be none, basic or header");
            }
        }
    }

    /**
     * @param format {@code json} (fields read by JSON pointer) or {@code text} (a regular expression)
     * @param statusPointer JSON pointer of the field that says whether it worked; blank: any 2xx answer did
     * @param successValues values of that field that mean success (case ignored)
     * @param messageIdPointer JSON pointer of the provider's message id
     * @param textPattern for {@code text}: a regular expression a successful answer matches, its group 1 the message id
     */
    record Response(String format, String statusPointer, List<String> successValues, String messageIdPointer, String textPattern) {

        Response {
            format = format == null || format.isBlank() ? "json" : format.strip().toLowerCase(Locale.ROOT);
            statusPointer = statusPointer == null ? "/status" : statusPointer;
            successValues = successValues == null || successValues.isEmpty() ? List.of("success", "ok") : List.copyOf(successValues);
            messageIdPointer = messageIdPointer == null || messageIdPointer.isBlank() ? "/messageId" : messageIdPointer;
            textPattern = textPattern == null || textPattern.isBlank() ? "^OK\\W+(\\S+)" : textPattern;
            if (!List.of("json", "text").contains(format)) {
                throw new IllegalArgumentException("teeka.sms.http.response.format must be json or text");
            }
        }
    }

    /**
     * @param url the delivery-report URL given to the provider with each message (blank: none; the provider is configured with it)
     * @param secret the shared secret the provider must send back ({@code X-Teeka-Secret} header or {@code secret} parameter); blank refuses every report
     * @param idParameter the report's parameter with the provider's message id
     * @param statusParameter the report's parameter with the status
     */
    record Callback(String url, String secret, String idParameter, String statusParameter) {

        Callback {
            url = url == null ? "" : url.strip();
            secret = secret == null ? "" : secret;
            idParameter = idParameter == null || idParameter.isBlank() ? "messageId" : idParameter;
            statusParameter = statusParameter == null || statusParameter.isBlank() ? "status" : statusParameter;
        }
    }
}
