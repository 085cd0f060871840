package org.teeka.smsdesk.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.teeka.account.StaffPrincipal;
import org.teeka.center.Center;
import org.teeka.center.Centers;
import org.teeka.geo.District;
import org.teeka.notification.MessageLog;
import org.teeka.platform.CsvCells;
import org.teeka.smsdesk.CallListEntry;
import org.teeka.smsdesk.MessageDesk;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The staff SMS desk's pages: message search, delivery rates, dead letters and a center's call list. */
@Controller
class MessageDeskController {

    /** The longest range of days the rates page sums at once. */
    static final int MAX_RATE_DAYS = 31;

    private final MessageDesk desk;
    private final Centers centers;
    private final MessageSource messages;
    private final Clock clock;

    MessageDeskController(MessageDesk desk, Centers centers, MessageSource messages, Clock clock) {
        this.desk = desk;
        this.centers = centers;
        this.messages = messages;
        this.clock = clock;
    }

    /** The search form: all text, so a bad value gets its own message instead of a conversion error. */
    record MessageSearchForm(String mobile, String status, String from, String to, Integer page) {
    }

    @GetMapping("/staff/messages")
    String search(@ModelAttribute("form") MessageSearchForm form, BindingResult errors, @AuthenticationPrincipal StaffPrincipal staff,
                  Model model) {
        Map<Integer, District> districts = districtsOf(staff);
        String mobile = form.mobile() == null ? null : form.mobile().replaceAll("[\\s-]", "");
        if (mobile != null && !mobile.matches("[6-9][0-9]{9}")) {
            errors.rejectValue("mobile", "smsdesk.error.mobile");
        }
        MessageLog.Status status = null;
        if (form.status() != null) {
            status = Arrays.stream(MessageLog.Status.values()).filter(s -> s.name().equals(form.status())).findFirst().orElse(null);
            if (status == null) {
                errors.rejectValue("status", "smsdesk.error.status");
            }
        }
        LocalDate from = date(form.from(), "from", errors);
        LocalDate to = date(form.to(), "to", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.rejectValue("to", "smsdesk.error.range");
        }
        int page = form.page() == null || form.page() < 0 ? 0 : form.page();
        model.addAttribute("statuses", MessageLog.Status.values());
        model.addAttribute("districts", districts);
        model.addAttribute("byMobile", mobile != null);
        if (!errors.hasErrors() && (mobile != null || status != null || from != null || to != null)) {
            model.addAttribute("results", desk.search(staff, new MessageLog.Search(mobile, status, from, to), page));
            model.addAttribute("query", new MessageSearchForm(mobile, form.status(), form.from(), form.to(), null));
        }
        return "smsdesk/messages";
    }

    @GetMapping("/staff/messages/rates")
    String rates(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                 @AuthenticationPrincipal StaffPrincipal staff, Model model) {
        Map<Integer, District> districts = districtsOf(staff);
        LocalDate today = LocalDate.now(clock);
        LocalDate last = parse(to).orElse(today);
        LocalDate first = parse(from).orElse(last.minusDays(6));
        String error = null;
        if ((from != null && parse(from).isEmpty()) || (to != null && parse(to).isEmpty())) {
            error = "smsdesk.error.date";
        } else if (last.isBefore(first)) {
            error = "smsdesk.error.range";
        } else if (first.plusDays(MAX_RATE_DAYS).isBefore(last.plusDays(1))) {
            error = "smsdesk.error.rate-range";
        }
        model.addAttribute("districts", districts);
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        model.addAttribute("maxDays", MAX_RATE_DAYS);
        model.addAttribute("error", error);
        model.addAttribute("rates", error == null ? desk.rates(staff, first, last) : List.of());
        return "smsdesk/rates";
    }

    @GetMapping("/staff/messages/dead")
    String dead(@AuthenticationPrincipal StaffPrincipal staff, Model model) {
        model.addAttribute("districts", districtsOf(staff));
        model.addAttribute("letters", desk.dead(staff));
        model.addAttribute("total", desk.deadCount(staff));
        model.addAttribute("shown", MessageDesk.DEAD_SHOWN);
        model.addAttribute("mayRetry", desk.mayRetry(staff));
        return "smsdesk/dead";
    }

    /** Retries the ticked dead letters, or every one in scope; a second click retries nothing more. */
    @PostMapping("/staff/messages/dead/retry")
    String retry(@RequestParam(name = "id", required = false) List<String> ids, @RequestParam(required = false) String all,
                 @AuthenticationPrincipal StaffPrincipal staff, RedirectAttributes redirect) {
        boolean everyOne = "true".equals(all);
        List<UUID> chosen = everyOne ? null : (ids == null ? List.<String>of() : ids).stream()
                .map(MessageDeskController::uuid).filter(java.util.Objects::nonNull).toList();
        if (!everyOne && chosen.isEmpty()) {
            desk.districts(staff); // scope check first: an outsider learns nothing, not even "choose one"
            if (!desk.mayRetry(staff)) {
                throw new org.teeka.platform.OutOfScopeException();
            }
            redirect.addFlashAttribute("retryError", "smsdesk.error.retry-none");
            return "redirect:/staff/messages/dead";
        }
        int retried = desk.retry(staff, chosen);
        redirect.addFlashAttribute("retried", retried);
        return "redirect:/staff/messages/dead";
    }

    @GetMapping("/staff/messages/call-list")
    String callList(@RequestParam(required = false) Integer centerId, @RequestParam(required = false) String date,
                    @AuthenticationPrincipal StaffPrincipal staff, Locale locale, Model model) {
        desk.districts(staff);
        LocalDate day = parse(date).orElse(LocalDate.now(clock));
        List<Center> visible = centers.visibleTo(staff.scope());
        model.addAttribute("centers", visible);
        model.addAttribute("date", day);
        model.addAttribute("centerId", centerId);
        model.addAttribute("undeliveredAfter", desk.settings().undeliveredAfter().toMinutes());
        if (date != null && parse(date).isEmpty()) {
            model.addAttribute("error", "smsdesk.error.date");
        } else if (centerId != null) {
            model.addAttribute("center", centers.get(centerId, staff.scope()));
            model.addAttribute("entries", desk.callList(staff, centerId, day));
        }
        return "smsdesk/call-list";
    }

    /** The call list as CSV in the reader's language; every cell neutralised, a byte order mark so Excel shows Hindi. */
    @GetMapping("/staff/messages/call-list.csv")
    void callListCsv(@RequestParam int centerId, @RequestParam String date, @AuthenticationPrincipal StaffPrincipal staff,
                     Locale locale, HttpServletResponse response) throws IOException {
        LocalDate day = parse(date).orElseThrow(() -> new BadDateException());
        Center center = centers.get(centerId, staff.scope());
        List<CallListEntry> entries = desk.callList(staff, centerId, day);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("call-list-" + center.id() + "-" + day + ".csv").build().toString());
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write('\uFEFF');
        row(out, List.of(text("smsdesk.call-list.slot", locale), text("smsdesk.call-list.name", locale),
                text("smsdesk.call-list.phone", locale), text("smsdesk.call-list.reference", locale),
                text("smsdesk.call-list.dose", locale), text("smsdesk.call-list.reason", locale)));
        for (CallListEntry entry : entries) {
            var a = entry.attendee();
            row(out, List.of(a.startsAt() + "–" + a.endsAt(), a.name(), a.mobile(), a.referenceId(), String.valueOf(a.dose()),
                    text(entry.reasonKey(), locale)));
        }
        out.flush();
    }

    /** A date that is not one; shown as a 400 with its message. */
    static class BadDateException extends org.teeka.platform.TeekaException {
        BadDateException() {
            super(org.springframework.http.HttpStatus.BAD_REQUEST, "smsdesk.error.date");
        }
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static void row(Writer out, List<String> cells) throws IOException {
        out.write(cells.stream().map(CsvCells::safe).map(MessageDeskController::quoted).collect(Collectors.joining(",")));
        out.write("\r\n");
    }

    private static String quoted(String cell) {
        if (cell == null) {
            return "";
        }
        return cell.matches("(?s).*[\",\r\n].*") ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    private Map<Integer, District> districtsOf(StaffPrincipal staff) {
        return desk.districts(staff).stream().collect(Collectors.toMap(District::id, Function.identity()));
    }

    private static LocalDate date(String text, String field, BindingResult errors) {
        if (text == null) {
            return null;
        }
        var parsed = parse(text);
        if (parsed.isEmpty()) {
            errors.rejectValue(field, "smsdesk.error.date");
        }
        return parsed.orElse(null);
    }

    private static java.util.Optional<LocalDate> parse(String text) {
        if (text == null || text.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
