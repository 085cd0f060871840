package org.teeka.smsc.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.teeka.smsc.ReceivedMessage;
import org.teeka.smsc.SmscFailureModes;
import org.teeka.smsc.SmscHttpApi;
import org.teeka.smsc.SmscSimulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the local SMSC received: {@code GET /smsc/messages?mobile=} as JSON (newest first) and the
 * page {@code /smsc}, which also switches failure modes ({@code POST /smsc/failure-modes}).
 */
@Controller
@RequestMapping("/smsc")
@ConditionalOnBooleanProperty(name = "teeka.smsc.enabled", matchIfMissing = true)
class SmscController {

    private static final int PAGE_LIMIT = 100;

    private final SmscSimulator smsc;
    private final SmscHttpApi http;
    private final Clock clock;

    SmscController(SmscSimulator smsc, SmscHttpApi http, Clock clock) {
        this.smsc = smsc;
        this.http = http;
        this.clock = clock;
    }

    @GetMapping
    String page(@RequestParam(required = false) String mobile, Model model) {
        String wanted = mobile(mobile);
        model.addAttribute("mobile", wanted);
        model.addAttribute("messages", wanted == null ? smsc.latestMessages(PAGE_LIMIT) : smsc.messagesTo(wanted, PAGE_LIMIT));
        model.addAttribute("modes", smsc.failureModes());
        model.addAttribute("httpModes", smsc.httpFailureModes());
        model.addAttribute("port", smsc.port());
        model.addAttribute("count", smsc.messageCount());
        model.addAttribute("sessions", smsc.boundSessions());
        model.addAttribute("zone", clock.getZone());
        return "smsc/index";
    }

    @GetMapping(path = "/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<ReceivedMessage> messages(@RequestParam(required = false) String mobile, @RequestParam(defaultValue = "100") int limit) {
        String wanted = mobile(mobile);
        int n = Math.clamp(limit, 1, 10_000);
        return wanted == null ? smsc.latestMessages(n) : smsc.messagesTo(wanted, n);
    }

    /** The SMPP side's failure modes, or with {@code channel=http} those of the HTTP submission API. */
    @GetMapping(path = "/failure-modes", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    SmscFailureModes failureModes(@RequestParam(required = false) String channel) {
        return "http".equals(channel(channel)) ? smsc.httpFailureModes() : smsc.failureModes();
    }

    /**
     * Unchecked boxes are not sent, so a form that leaves one out switches it off. Without
     * {@code channel} the modes apply to both sides; {@code channel=smpp} or {@code channel=http}
     * switches one side only (the SMPP side down while HTTP still takes messages, for failover).
     */
    @PostMapping("/failure-modes")
    String switchFailureModes(@RequestParam(defaultValue = "false") boolean down,
                              @RequestParam(defaultValue = "0") long slowMillis,
                              @RequestParam(defaultValue = "0") int rejectPercent,
                              @RequestParam(defaultValue = "0") int undeliverablePercent,
                              @RequestParam(defaultValue = "false") boolean noReceipts,
                              @RequestParam(required = false) String channel,
                              RedirectAttributes redirect) {
        var modes = new SmscFailureModes(down, Duration.ofMillis(slowMillis), rejectPercent, undeliverablePercent, !noReceipts);
        switch (channel(channel)) {
            case "smpp" -> smsc.smppFailureModes(modes);
            case "http" -> smsc.httpFailureModes(modes);
            default -> smsc.failureModes(modes);
        }
        redirect.addFlashAttribute("notice", "smsc.notice.modes-saved");
        return "redirect:/smsc";
    }

    /** The HTTP submission API, form-encoded or as query parameters (see {@link SmscHttpApi}). */
    @RequestMapping(path = "/http/send", method = {RequestMethod.GET, RequestMethod.POST},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> httpSend(@RequestParam Map<String, String> parameters,
                                                 @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                                 @RequestHeader(name = "apikey", required = false) String apiKey) {
        return answer(parameters, authorization, apiKey);
    }

    /** The HTTP submission API with a JSON object of the same fields. */
    @PostMapping(path = "/http/send", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> httpSendJson(@RequestBody Map<String, Object> body,
                                                     @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                                     @RequestHeader(name = "apikey", required = false) String apiKey) {
        var parameters = new LinkedHashMap<String, String>();
        body.forEach((k, v) -> parameters.put(k, v == null ? null : v.toString()));
        return answer(parameters, authorization, apiKey);
    }

    private ResponseEntity<Map<String, Object>> answer(Map<String, String> parameters, String authorization, String apiKey) {
        String user = null;
        String password = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                user = colon < 0 ? pair : pair.substring(0, colon);
                password = colon < 0 ? "" : pair.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                user = "";
                password = "";
            }
        }
        SmscHttpApi.Answer answer = http.submit(user, password, apiKey, parameters);
        return ResponseEntity.status(answer.status()).body(answer.body());
    }

    private static String channel(String channel) {
        if (channel == null || channel.isBlank()) {
            return "both";
        }
        if (!List.of("smpp", "http", "both").contains(channel)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "channel must be smpp, http or both");
        }
        return channel;
    }

    private static String mobile(String mobile) {
        if (mobile == null || mobile.isBlank()) {
            return null;
        }
        String digits = mobile.strip();
        if (!digits.matches("[0-9]{10}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "mobile must be ten digits");
        }
        return digits;
    }
}
