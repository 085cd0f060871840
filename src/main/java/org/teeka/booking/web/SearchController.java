package org.teeka.booking.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.teeka.account.CitizenPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.booking.Appointment;
import org.teeka.booking.BookingRefusedException;
import org.teeka.booking.AppointmentSlip;
import org.teeka.booking.Bookings;
import org.teeka.center.Center;
import org.teeka.center.Centers;
import org.teeka.center.FeeType;
import org.teeka.geo.District;
import org.teeka.geo.Geography;
import org.teeka.session.Session;
import org.teeka.session.SessionSearch;
import org.teeka.session.Sessions;
import org.teeka.session.Slot;
import org.teeka.vaccine.Vaccine;
import org.teeka.vaccine.VaccineCatalog;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finding a session and booking it, for a new appointment or to move one. Every rendering of the
 * page carries a new idempotency key in its "Book" forms: a page books at most once, so a double
 * click or a refresh returns the first appointment instead of a second one.
 */
@Controller
class SearchController {

    /** The label of each field, in the form's order, for the error summary. */
    private static final Map<String, String> FIELD_LABELS;

    static {
        var labels = new LinkedHashMap<String, String>();
        labels.put("pincode", "citizen.field.pincode");
        labels.put("stateId", "citizen.field.state");
        labels.put("districtId", "citizen.field.district");
        labels.put("date", "search.field.date");
        labels.put("vaccine", "search.field.vaccine");
        labels.put("age", "search.field.age");
        labels.put("fee", "search.field.fee");
        labels.put("beneficiary", "search.field.book-for");
        labels.put("dose", "search.field.dose");
        FIELD_LABELS = java.util.Collections.unmodifiableMap(labels);
    }

    private final Beneficiaries beneficiaries;
    private final Bookings bookings;
    private final Sessions sessions;
    private final Centers centers;
    private final Geography geography;
    private final VaccineCatalog vaccines;
    private final CitizenViews views;
    private final Clock clock;

    SearchController(Beneficiaries beneficiaries, Bookings bookings, Sessions sessions, Centers centers, Geography geography,
                     VaccineCatalog vaccines, CitizenViews views, Clock clock) {
        this.beneficiaries = beneficiaries;
        this.bookings = bookings;
        this.sessions = sessions;
        this.centers = centers;
        this.geography = geography;
        this.vaccines = vaccines;
        this.views = views;
        this.clock = clock;
    }

    /** A center with the sessions found there. */
    public record CenterResult(Center center, List<SessionResult> sessions) {
    }

    /**
     * A session found.
     *
     * @param fee the fee for its vaccine at a paid center; null at a free one
     */
    public record SessionResult(Session session, Vaccine vaccine, BigDecimal fee, List<SlotResult> slots) {
    }

    /**
     * A time slot found.
     *
     * @param bookable whether its "Book" button is shown: a member is chosen, and the slot and the dose have places
     * @param current whether it holds the appointment being moved
     */
    public record SlotResult(Slot slot, boolean bookable, boolean current) {
    }

    @GetMapping("/citizen/search")
    String search(@Valid @ModelAttribute("query") SessionQuery query, BindingResult errors,
                  @AuthenticationPrincipal CitizenPrincipal citizen, Locale locale, Model model) {
        return page(query, errors, null, citizen, locale, model);
    }

    /** The booking address opened as a page (a language switch after a refused booking): the search it came from. */
    @GetMapping("/citizen/book")
    String bookPage(@ModelAttribute("query") SessionQuery query, BindingResult errors) {
        return "redirect:" + (query == null ? "/citizen/search" : query.link("/citizen/search"));
    }

    @PostMapping("/citizen/book")
    String book(@ModelAttribute("query") SessionQuery query, BindingResult errors, @RequestParam UUID beneficiary,
                @RequestParam UUID session, @RequestParam int slot, @RequestParam int dose,
                @RequestParam(required = false) String idempotencyKey, @AuthenticationPrincipal CitizenPrincipal citizen,
                Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            Appointment appointment = bookings.book(citizen.mobile(), beneficiary, session, slot, dose, idempotencyKey,
                    Appointment.Source.CITIZEN, locale);
            redirect.addFlashAttribute("notice", "booking.notice.booked");
            return "redirect:/citizen/appointments/" + appointment.id();
        } catch (BookingRefusedException refused) {
            response.setStatus(refused.getStatusCode().value());
            refused.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            model.addAttribute("refusal", refused);
            return page(query, errors, null, citizen, locale, model);
        }
    }

    /** The search, preset to the appointment's member and dose; booking from it moves the appointment. */
    @GetMapping("/citizen/appointments/{id}/reschedule")
    String rescheduleSearch(@PathVariable UUID id, @Valid @ModelAttribute("query") SessionQuery query, BindingResult errors,
                            @AuthenticationPrincipal CitizenPrincipal citizen, Locale locale, Model model) {
        AppointmentSlip moving = moving(id, citizen);
        if (!moving.active()) {
            return "redirect:/citizen/appointments/" + id;
        }
        return page(query, errors, moving, citizen, locale, model);
    }

    @PostMapping("/citizen/appointments/{id}/reschedule")
    String reschedule(@PathVariable UUID id, @ModelAttribute("query") SessionQuery query, BindingResult errors,
                      @RequestParam UUID session, @RequestParam int slot, @RequestParam(required = false) String idempotencyKey,
                      @AuthenticationPrincipal CitizenPrincipal citizen, Locale locale, Model model,
                      HttpServletResponse response, RedirectAttributes redirect) {
        try {
            Appointment appointment = bookings.reschedule(citizen.mobile(), id, session, slot, idempotencyKey, locale);
            redirect.addFlashAttribute("notice", "booking.notice.rescheduled");
            return "redirect:/citizen/appointments/" + appointment.id();
        } catch (BookingRefusedException refused) {
            AppointmentSlip moving = moving(id, citizen);
            if (!moving.active()) {
                throw refused;
            }
            response.setStatus(refused.getStatusCode().value());
            model.addAttribute("refusal", refused);
            return page(query, errors, moving, citizen, locale, model);
        }
    }

    private AppointmentSlip moving(UUID appointmentId, CitizenPrincipal citizen) {
        Appointment appointment = bookings.get(appointmentId, citizen.mobile());
        return views.appointment(appointment, beneficiaries.get(appointment.beneficiaryId(), citizen.mobile()));
    }

    private String page(SessionQuery asked, BindingResult errors, AppointmentSlip moving,
                        CitizenPrincipal citizen, Locale locale, Model model) {
        LocalDate today = LocalDate.now(clock);
        SessionQuery query = asked == null ? SessionQuery.empty() : asked;
        Beneficiary member = moving != null ? moving.beneficiary()
                : query.beneficiary() != null ? beneficiaries.get(query.beneficiary(), citizen.mobile()) : null;
        if (member != null) {
            Integer dose = moving != null ? Integer.valueOf(moving.appointment().dose())
                    : query.dose() != null ? query.dose() : views.nextDose(member.id());
            String vaccine = query.vaccine() != null ? query.vaccine()
                    : moving != null && dose > 1 ? moving.session().vaccineCode()
                    : dose != null && dose > 1 ? views.firstVaccineCode(member.id()).orElse(null) : null;
            Integer age = query.age() != null ? query.age() : member.ageIn(today.getYear());
            query = query.forMember(member.id(), dose, age, vaccine);
            if (!query.asked()) {
                query = query.where(null, member.districtId());
            }
        }
        if (query.districtId() != null) {
            query = query.where(geography.district(query.districtId()).map(District::stateId).orElse(query.stateId()), query.districtId());
        }
        query = query.from(query.date() == null || query.date().isBefore(today) ? today : query.date());

        // someone already booked for this dose moves their appointment instead of booking a second one
        AppointmentSlip existing = moving != null || member == null || query.dose() == null ? null
                : existing(member, query.dose());

        var result = new BeanPropertyBindingResult(query, "query");
        result.addAllErrors(errors);
        model.addAttribute("query", query);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "query", result);
        model.addAttribute("fieldLabels", FIELD_LABELS);
        model.addAttribute("member", member);
        model.addAttribute("moving", moving);
        model.addAttribute("existing", existing);
        model.addAttribute("family", beneficiaries.family(citizen.mobile()));
        model.addAttribute("states", geography.states());
        model.addAttribute("districts", query.stateId() == null ? List.of() : geography.districtsOf(query.stateId()));
        model.addAttribute("selectedDistrict", query.districtId());
        model.addAttribute("vaccines", vaccines.all());
        model.addAttribute("days", SessionQuery.DAYS);
        model.addAttribute("until", query.date().plusDays(SessionQuery.DAYS - 1));
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        model.addAttribute("searchAction", moving != null ? "/citizen/appointments/" + moving.appointment().id() + "/reschedule" : "/citizen/search");
        model.addAttribute("bookAction", query.link(moving != null ? "/citizen/appointments/" + moving.appointment().id() + "/reschedule" : "/citizen/book"));
        model.addAttribute("results", errors.hasErrors() || !query.asked() ? null : results(query, member, existing == null, moving, locale));
        return "booking/search";
    }

    private AppointmentSlip existing(Beneficiary member, int dose) {
        return bookings.activeOf(member.id()).stream().filter(a -> a.dose() == dose).findFirst()
                .map(a -> views.appointment(a, member)).orElse(null);
    }

    /** The sessions found, by center; their slots can be booked when a member is chosen who may book. */
    private List<CenterResult> results(SessionQuery query, Beneficiary member, boolean mayBook, AppointmentSlip moving,
                                       Locale locale) {
        List<Center> candidates = query.pincode() != null ? centers.atPincode(query.pincode()) : centers.inDistrict(query.districtId());
        Map<Integer, Center> byId = candidates.stream()
                .filter(center -> query.fee() == null || center.feeType() == query.fee())
                .collect(Collectors.toMap(Center::id, Function.identity()));
        if (byId.isEmpty()) {
            return List.of();
        }
        List<Session> found = sessions.search(new SessionSearch(query.date(), SessionQuery.DAYS,
                query.pincode() != null ? null : query.districtId(), List.copyOf(byId.keySet()), query.vaccine(), query.age(),
                query.dose()));
        Map<String, Vaccine> vaccineByCode = vaccines.all().stream().collect(Collectors.toMap(Vaccine::code, Function.identity()));
        LocalDateTime now = LocalDateTime.now(clock);
        Map<Integer, List<SessionResult>> byCenter = new LinkedHashMap<>();
        for (Session session : found) {
            Center center = byId.get(session.centerId());
            int placesForDose = query.dose() == null ? 0 : query.dose() == 1 ? session.dose1Available() : session.dose2Available();
            var slots = new ArrayList<SlotResult>();
            for (Slot slot : session.slots()) {
                if (session.date().atTime(slot.endsAt()).isBefore(now)) {
                    continue; // a slot that is over is no choice
                }
                boolean current = moving != null && moving.session().id().equals(session.id()) && moving.slot().number() == slot.number();
                boolean bookable = member != null && mayBook && query.dose() != null && placesForDose > 0 && slot.available() > 0 && !current;
                slots.add(new SlotResult(slot, bookable, current));
            }
            if (slots.isEmpty()) {
                continue;
            }
            BigDecimal fee = center.feeType() == FeeType.PAID ? center.fees().get(session.vaccineCode()) : null;
            byCenter.computeIfAbsent(center.id(), id -> new ArrayList<>())
                    .add(new SessionResult(session, vaccineByCode.get(session.vaccineCode()), fee, List.copyOf(slots)));
        }
        // nearest first, from the PIN code searched or else the member's; by name where no distance is known
        Integer from = query.pincode() != null ? query.pincode() : member != null ? Integer.valueOf(member.pincode()) : null;
        Comparator<CenterResult> nearest = Comparator.comparingDouble(r -> from == null ? 0 : geography.kilometres(from,
                r.center().latitude().doubleValue(), r.center().longitude().doubleValue()).orElse(Double.MAX_VALUE));
        return byCenter.entrySet().stream()
                .map(entry -> new CenterResult(byId.get(entry.getKey()), List.copyOf(entry.getValue())))
                .sorted(nearest.thenComparing(r -> r.center().name(locale)))
                .toList();
    }
}
