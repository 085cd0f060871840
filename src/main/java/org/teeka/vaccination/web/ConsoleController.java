package org.teeka.vaccination.web;

import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.teeka.account.Permission;
import org.teeka.account.StaffAccounts;
import org.teeka.account.StaffPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.NewBeneficiary;
import org.teeka.beneficiary.PhotoIdType;
import org.teeka.booking.Appointment;
import org.teeka.booking.CenterAppointments;
import org.teeka.center.Center;
import org.teeka.center.Centers;
import org.teeka.platform.NotFoundException;
import org.teeka.platform.OutOfScopeException;
import org.teeka.platform.TeekaException;
import org.teeka.session.Session;
import org.teeka.session.Sessions;
import org.teeka.session.Slot;
import org.teeka.vaccination.CenterSync;
import org.teeka.vaccination.DoseCorrection;
import org.teeka.vaccination.DoseEntry;
import org.teeka.vaccination.DoseOutcome;
import org.teeka.vaccination.DoseRecord;
import org.teeka.vaccination.DoseRecords;
import org.teeka.vaccination.Lookups;
import org.teeka.vaccination.Lots;
import org.teeka.vaccination.StaffAlerts;
import org.teeka.vaccination.Vaccinations;
import org.teeka.vaccine.Vaccine;
import org.teeka.vaccine.VaccineCatalog;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The center console: today's sessions at a glance, finding a person (by reference id, or by
 * appointment code and security code: nothing else), check-in, recording a dose, walk-ins,
 * no-shows, conflicts; and the alerts page of the admins. A person's page opens only for someone
 * this staff member looked up (or registered) in this sign-in, so every view of a person follows
 * an audited, rationed lookup.
 */
@Controller
class ConsoleController {

    private static final String LOOKED_UP = "console.lookedUp";

    private final Centers centers;
    private final Sessions sessions;
    private final VaccineCatalog vaccines;
    private final CenterAppointments appointments;
    private final Beneficiaries beneficiaries;
    private final DoseRecords doseRecords;
    private final Vaccinations vaccinations;
    private final Lookups lookups;
    private final Lots lots;
    private final StaffAlerts alerts;
    private final CenterSync sync;
    private final StaffAccounts staffAccounts;
    private final MessageSource messages;
    private final Clock clock;

    ConsoleController(Centers centers, Sessions sessions, VaccineCatalog vaccines, CenterAppointments appointments,
                      Beneficiaries beneficiaries, DoseRecords doseRecords, Vaccinations vaccinations, Lookups lookups, Lots lots,
                      StaffAlerts alerts, CenterSync sync, StaffAccounts staffAccounts, MessageSource messages, Clock clock) {
        this.staffAccounts = staffAccounts;
        this.centers = centers;
        this.sessions = sessions;
        this.vaccines = vaccines;
        this.appointments = appointments;
        this.beneficiaries = beneficiaries;
        this.doseRecords = doseRecords;
        this.vaccinations = vaccinations;
        this.lookups = lookups;
        this.lots = lots;
        this.alerts = alerts;
        this.sync = sync;
        this.messages = messages;
        this.clock = clock;
    }

    /** One time slot of a session: who is expected and what became of them. */
    record SlotSummary(Slot slot, int expected, int checkedIn, int vaccinated, int noShows) {
    }

    /** A session of today at a glance. */
    record SessionSummary(Session session, Vaccine vaccine, List<SlotSummary> slots, int expected, int checkedIn,
                          int noShows, int dose1Given, int laterGiven) {

        public int dose1Left() {
            return Math.max(0, session.dose1Capacity() - dose1Given);
        }

        public int laterLeft() {
            return Math.max(0, session.dose2Capacity() - laterGiven);
        }
    }

    @GetMapping("/staff/center")
    String ownCenter(@AuthenticationPrincipal StaffPrincipal staff) {
        Integer centerId = staff.scope().centerId();
        return centerId == null ? "redirect:/staff/sessions" : "redirect:/staff/center/" + centerId;
    }

    @GetMapping("/staff/center/{centerId}")
    String console(@PathVariable int centerId, @AuthenticationPrincipal StaffPrincipal staff, Model model) {
        Center center = centers.get(centerId, staff.scope());
        model.addAttribute("center", center);
        model.addAttribute("summaries", summaries(center, staff));
        model.addAttribute("mayRecord", staff.scope().allows(Permission.RECORD_DOSES));
        model.addAttribute("mayManage", staff.scope().allows(Permission.MANAGE_CENTER_DAY));
        return "vaccination/console";
    }

    @PostMapping("/staff/center/{centerId}/lookup")
    String lookup(@PathVariable int centerId, @RequestParam(required = false) String referenceId,
                  @RequestParam(required = false) String appointmentCode, @RequestParam(required = false) String securityCode,
                  @AuthenticationPrincipal StaffPrincipal staff, HttpSession http, Locale locale, RedirectAttributes redirect) {
        Center center = recordingAt(centerId, staff);
        Optional<Lookups.Found> found;
        try {
            if (referenceId != null && !referenceId.isBlank()) {
                found = lookups.byReference(referenceId, center.id(), staff);
            } else {
                List<UUID> today = todaysSessions(center, staff).stream().map(Session::id).toList();
                found = lookups.byAppointment(appointmentCode, securityCode, today, center.id(), staff);
            }
        } catch (TeekaException refused) {
            redirect.addFlashAttribute("lookupError", text(refused.code(), refused.arguments(), locale));
            redirect.addFlashAttribute("askedReference", referenceId);
            redirect.addFlashAttribute("askedCode", appointmentCode);
            return "redirect:/staff/center/" + centerId;
        }
        if (found.isEmpty()) {
            redirect.addFlashAttribute("lookupError", text("console.lookup.not-found", new Object[0], locale));
            redirect.addFlashAttribute("askedReference", referenceId);
            redirect.addFlashAttribute("askedCode", appointmentCode);
            return "redirect:/staff/center/" + centerId;
        }
        remember(http, found.get().beneficiary().id());
        return "redirect:/staff/center/" + centerId + "/people/" + found.get().beneficiary().id();
    }

    @GetMapping("/staff/center/{centerId}/people/{beneficiaryId}")
    String person(@PathVariable int centerId, @PathVariable UUID beneficiaryId, @AuthenticationPrincipal StaffPrincipal staff,
                  HttpSession http, Model model) {
        Center center = recordingAt(centerId, staff);
        Beneficiary person = lookedUp(http, beneficiaryId);
        List<Session> today = todaysSessions(center, staff);
        Set<UUID> todayIds = today.stream().map(Session::id).collect(Collectors.toSet());
        List<DoseRecord> doses = doseRecords.of(person.id());
        int nextDose = doses.stream().mapToInt(DoseRecord::dose).max().orElse(0) + 1;
        List<Appointment> here = appointments.activeOf(person.id()).stream().filter(a -> todayIds.contains(a.sessionId())).toList();
        Session chosen = here.stream().findFirst().flatMap(a -> today.stream().filter(s -> s.id().equals(a.sessionId())).findFirst())
                .orElse(today.isEmpty() ? null : today.getFirst());
        model.addAttribute("center", center);
        model.addAttribute("person", person);
        model.addAttribute("age", person.ageIn(LocalDate.now(clock).getYear()));
        model.addAttribute("doses", doses);
        model.addAttribute("nextDose", nextDose);
        model.addAttribute("appointments", here);
        model.addAttribute("sessions", today);
        model.addAttribute("chosen", chosen);
        model.addAttribute("vaccinesByCode", vaccines.all().stream().collect(Collectors.toMap(Vaccine::code, Function.identity())));
        model.addAttribute("lots", chosen == null ? List.of() : lots.usable(chosen.vaccineCode(), LocalDate.now(clock)));
        model.addAttribute("eventId", UUID.randomUUID());
        // corrections: only the center manager, only doses recorded at this center (Vaccinations.correct checks again)
        boolean mayCorrect = staff.scope().allows(Permission.MANAGE_CENTER_DAY);
        model.addAttribute("correctable", mayCorrect
                ? doses.stream().filter(d -> d.sessionId() != null && Integer.valueOf(center.id()).equals(d.centerId())).toList()
                : List.of());
        model.addAttribute("correctionLots", mayCorrect
                ? vaccines.all().stream().flatMap(v -> lots.usable(v.code(), LocalDate.now(clock)).stream()).toList() : List.of());
        List<DoseCorrection> corrections = doseRecords.correctionsOf(person.id());
        model.addAttribute("corrections", corrections);
        model.addAttribute("correctors", corrections.stream().map(DoseCorrection::correctedBy).filter(java.util.Objects::nonNull).distinct()
                .collect(Collectors.toMap(Function.identity(), id -> staffAccounts.displayName(id).orElse("—"))));
        return "vaccination/person";
    }

    @PostMapping("/staff/center/{centerId}/check-in")
    String checkIn(@PathVariable int centerId, @RequestParam UUID appointmentId, @AuthenticationPrincipal StaffPrincipal staff,
                   HttpSession http, Locale locale, RedirectAttributes redirect) {
        Center center = recordingAt(centerId, staff);
        Appointment appointment = appointments.find(appointmentId).orElseThrow(() -> new NotLookedUp("booking.error.appointment-unknown"));
        lookedUp(http, appointment.beneficiaryId());
        if (todaysSessions(center, staff).stream().noneMatch(s -> s.id().equals(appointment.sessionId()))) {
            throw new NotLookedUp("booking.error.appointment-unknown");
        }
        try {
            appointments.checkIn(appointmentId);
            redirect.addFlashAttribute("outcome", text("console.checked-in", new Object[0], locale));
        } catch (TeekaException refused) {
            redirect.addFlashAttribute("refusal", text(refused.code(), refused.arguments(), locale));
        }
        return "redirect:/staff/center/" + centerId + "/people/" + appointment.beneficiaryId();
    }

    @PostMapping("/staff/center/{centerId}/doses")
    String recordDose(@PathVariable int centerId, @RequestParam UUID eventId, @RequestParam UUID beneficiaryId,
                      @RequestParam UUID sessionId, @RequestParam(defaultValue = "0") int dose,
                      @RequestParam(required = false) String vaccineCode, @RequestParam(required = false) String lotNumber,
                      @AuthenticationPrincipal StaffPrincipal staff, HttpSession http, Locale locale, RedirectAttributes redirect) {
        recordingAt(centerId, staff);
        lookedUp(http, beneficiaryId);
        DoseOutcome outcome = vaccinations.record(new DoseEntry(eventId, beneficiaryId, dose, vaccineCode, lotNumber, sessionId,
                Instant.now(clock), null), staff);
        switch (outcome) {
            case DoseOutcome.Accepted accepted -> redirect.addFlashAttribute("outcome",
                    text("console.dose-recorded", new Object[] {accepted.record().dose(), accepted.record().lotNumber()}, locale));
            case DoseOutcome.Duplicate duplicate -> redirect.addFlashAttribute("outcome",
                    text("console.dose-duplicate", new Object[] {duplicate.record().dose()}, locale));
            case DoseOutcome.Conflict conflict -> redirect.addFlashAttribute("refusal",
                    text("console.dose-conflict", new Object[] {text(conflict.reason(), new Object[0], locale)}, locale));
            case DoseOutcome.Refused refused -> {
                redirect.addFlashAttribute("refusal", text(refused.code(), refused.arguments().toArray(), locale));
                redirect.addFlashAttribute("typedLot", lotNumber);
            }
        }
        return "redirect:/staff/center/" + centerId + "/people/" + beneficiaryId;
    }

    /** The center manager corrects a dose recorded at this center: a new record in force, the original kept with the history. */
    @PostMapping("/staff/center/{centerId}/corrections")
    String correctDose(@PathVariable int centerId, @RequestParam UUID originalId, @RequestParam UUID beneficiaryId,
                       @RequestParam(required = false) String vaccineCode, @RequestParam(required = false) String lotNumber,
                       @RequestParam(required = false) String reason, @AuthenticationPrincipal StaffPrincipal staff, HttpSession http,
                       Locale locale, RedirectAttributes redirect) {
        Center center = recordingAt(centerId, staff);
        staff.scope().require(Permission.MANAGE_CENTER_DAY);
        Beneficiary person = lookedUp(http, beneficiaryId);
        DoseRecord original = doseRecords.find(originalId)
                .filter(d -> d.beneficiaryId().equals(person.id()) && Integer.valueOf(center.id()).equals(d.centerId()))
                .orElseThrow(() -> new NotLookedUp("vaccination.error.dose-unknown"));
        try {
            DoseRecord correction = vaccinations.correct(original.id(), vaccineCode, lotNumber, reason, staff);
            redirect.addFlashAttribute("outcome", text("console.correction.done",
                    new Object[] {correction.dose(), correction.lotNumber()}, locale));
        } catch (TeekaException refused) {
            redirect.addFlashAttribute("refusal", text(refused.code(), refused.arguments(), locale));
            redirect.addFlashAttribute("correcting", original.id());
            redirect.addFlashAttribute("typedReason", reason);
            redirect.addFlashAttribute("typedCorrectionLot", lotNumber);
        }
        return "redirect:/staff/center/" + centerId + "/people/" + person.id();
    }

    @GetMapping("/staff/center/{centerId}/walk-in")
    String walkInForm(@PathVariable int centerId, @AuthenticationPrincipal StaffPrincipal staff, Model model) {
        Center center = recordingAt(centerId, staff);
        List<Session> today = todaysSessions(center, staff);
        model.addAttribute("form", WalkInForm.empty(today.isEmpty() ? null : today.getFirst().id()));
        return walkInPage(center, today, model);
    }

    @PostMapping("/staff/center/{centerId}/walk-in")
    String walkIn(@PathVariable int centerId, @Valid @ModelAttribute("form") WalkInForm form, BindingResult errors,
                  @AuthenticationPrincipal StaffPrincipal staff, HttpSession http, Locale locale, Model model, RedirectAttributes redirect) {
        Center center = recordingAt(centerId, staff);
        List<Session> today = todaysSessions(center, staff);
        Optional<Session> session = today.stream().filter(s -> s.id().equals(form.sessionId())).findFirst();
        if (!errors.hasFieldErrors("sessionId") && session.isEmpty()) {
            errors.rejectValue("sessionId", "vaccination.error.session-unknown");
        }
        if (errors.hasErrors()) {
            return walkInPage(center, today, model);
        }
        Beneficiary person;
        try {
            person = beneficiaries.registerAtCenter(form.mobile(), new NewBeneficiary(form.name(), form.birthYear(), form.gender(),
                    form.idType(), form.idNumber(), center.districtId(), form.pincode()), locale);
        } catch (TeekaException refused) {
            errors.reject(refused.code(), refused.arguments(), refused.code());
            return walkInPage(center, today, model);
        }
        remember(http, person.id());
        try {
            appointments.bookWalkIn(person, session.get().id(), 1);
            redirect.addFlashAttribute("outcome", text("console.walk-in-booked", new Object[] {person.referenceId()}, locale));
        } catch (TeekaException refused) {
            // registered, not booked (the session is full, or a rule refuses): the person page says why
            redirect.addFlashAttribute("refusal", text(refused.code(), refused.arguments(), locale));
        }
        return "redirect:/staff/center/" + centerId + "/people/" + person.id();
    }

    @PostMapping("/staff/center/{centerId}/no-shows")
    String noShows(@PathVariable int centerId, @RequestParam UUID sessionId, @AuthenticationPrincipal StaffPrincipal staff,
                   Locale locale, RedirectAttributes redirect) {
        Center center = centers.get(centerId, staff.scope());
        staff.scope().require(Permission.MANAGE_CENTER_DAY);
        if (todaysSessions(center, staff).stream().noneMatch(s -> s.id().equals(sessionId))) {
            throw new NotLookedUp("booking.error.session-unknown");
        }
        int marked = appointments.markNoShows(sessionId).size();
        redirect.addFlashAttribute("outcome", text("console.no-shows-marked", new Object[] {marked}, locale));
        return "redirect:/staff/center/" + centerId;
    }

    @GetMapping("/staff/center/{centerId}/conflicts")
    String conflicts(@PathVariable int centerId, @AuthenticationPrincipal StaffPrincipal staff, Model model) {
        Center center = centers.get(centerId, staff.scope());
        if (staff.scope().centerId() != null && !staff.scope().allows(Permission.MANAGE_CENTER_DAY)) {
            throw new OutOfScopeException();
        }
        model.addAttribute("center", center);
        model.addAttribute("conflicts", sync.conflicts(center.id(), staff));
        return "vaccination/conflicts";
    }

    @GetMapping("/staff/alerts")
    String alerts(@AuthenticationPrincipal StaffPrincipal staff, Model model) {
        if (staff.scope().centerId() != null) {
            throw new OutOfScopeException();
        }
        model.addAttribute("alerts", alerts.visibleTo(staff.scope()));
        return "vaccination/alerts";
    }

    private String walkInPage(Center center, List<Session> today, Model model) {
        model.addAttribute("center", center);
        model.addAttribute("sessions", today);
        model.addAttribute("vaccinesByCode", vaccines.all().stream().collect(Collectors.toMap(Vaccine::code, Function.identity())));
        model.addAttribute("genders", Gender.values());
        model.addAttribute("idTypes", PhotoIdType.values());
        return "vaccination/walk-in";
    }

    private List<SessionSummary> summaries(Center center, StaffPrincipal staff) {
        List<Session> today = todaysSessions(center, staff);
        List<UUID> ids = today.stream().map(Session::id).toList();
        Map<UUID, List<Appointment>> bySession = appointments.inSessions(ids).stream().collect(Collectors.groupingBy(Appointment::sessionId));
        Map<UUID, int[]> given = doseRecords.givenIn(ids);
        var summaries = new ArrayList<SessionSummary>();
        for (Session session : today) {
            List<Appointment> all = bySession.getOrDefault(session.id(), List.of());
            var slots = session.slots().stream().map(slot -> {
                List<Appointment> in = all.stream().filter(a -> a.slotNo() == slot.number()).toList();
                return new SlotSummary(slot, in.size(), count(in, Appointment.Status.CHECKED_IN),
                        count(in, Appointment.Status.VACCINATED), count(in, Appointment.Status.NO_SHOW));
            }).toList();
            int[] doses = given.getOrDefault(session.id(), new int[2]);
            summaries.add(new SessionSummary(session, vaccines.find(session.vaccineCode()).orElseThrow(), slots, all.size(),
                    count(all, Appointment.Status.CHECKED_IN), count(all, Appointment.Status.NO_SHOW), doses[0], doses[1]));
        }
        return summaries;
    }

    private static int count(List<Appointment> appointments, Appointment.Status status) {
        return (int) appointments.stream().filter(a -> a.status() == status).count();
    }

    private List<Session> todaysSessions(Center center, StaffPrincipal staff) {
        return sessions.atCenter(center.id(), LocalDate.now(clock), 1, staff.scope());
    }

    /** The center, when the staff member may record doses there (its own vaccinator or manager). */
    private Center recordingAt(int centerId, StaffPrincipal staff) {
        Center center = centers.get(centerId, staff.scope());
        staff.scope().require(Permission.RECORD_DOSES);
        return center;
    }

    @SuppressWarnings("unchecked")
    private static void remember(HttpSession http, UUID beneficiaryId) {
        var seen = (Set<UUID>) http.getAttribute(LOOKED_UP);
        var next = seen == null ? new HashSet<UUID>() : new HashSet<>(seen);
        next.add(beneficiaryId);
        http.setAttribute(LOOKED_UP, next);
    }

    /** The person, if this staff member looked them up in this sign-in; "not found" otherwise. */
    @SuppressWarnings("unchecked")
    private Beneficiary lookedUp(HttpSession http, UUID beneficiaryId) {
        var seen = (Set<UUID>) http.getAttribute(LOOKED_UP);
        if (seen == null || !seen.contains(beneficiaryId)) {
            throw new NotLookedUp("console.error.not-looked-up");
        }
        return beneficiaries.find(beneficiaryId).orElseThrow(() -> new NotLookedUp("console.error.not-looked-up"));
    }

    private String text(String code, Object[] arguments, Locale locale) {
        return messages.getMessage(code, arguments, code, locale);
    }

    /** Not found for this staff member: never looked up, or not at their center today. */
    static class NotLookedUp extends NotFoundException {

        NotLookedUp(String code) {
            super(code);
        }
    }
}
