package org.teeka.smsc.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import org.teeka.smsc.SmscSimulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

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
    private final Clock clock;

    SmscController(SmscSimulator smsc, Clock clock) {
        this.smsc = smsc;
        this.clock = clock;
    }

    @GetMapping
    String page(@RequestParam(required = false) String mobile, Model model) {
        String wanted = mobile(mobile);
        model.addAttribute("mobile", wanted);
        model.addAttribute("messages", wanted == null ? smsc.latestMessages(PAGE_LIMIT) : smsc.messagesTo(wanted, PAGE_LIMIT));
        model.addAttribute("modes", smsc.failureModes());
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

    @GetMapping(path = "/failure-modes", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    SmscFailureModes failureModes() {
        return smsc.failureModes();
    }

    /** Unchecked boxes are not sent, so a form that leaves one out switches it off. */
    @PostMapping("/failure-modes")
    String switchFailureModes(@RequestParam(defaultValue = "false") boolean down,
                              @RequestParam(defaultValue = "0") long slowMillis,
                              @RequestParam(defaultValue = "0") int rejectPercent,
                              @RequestParam(defaultValue = "0") int undeliverablePercent,
                              @RequestParam(defaultValue = "false") boolean noReceipts,
                              RedirectAttributes redirect) {
        smsc.failureModes(new SmscFailureModes(down, Duration.ofMillis(slowMillis), rejectPercent, undeliverablePercent, !noReceipts));
        redirect.addFlashAttribute("notice", "smsc.notice.modes-saved");
        return "redirect:/smsc";
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
