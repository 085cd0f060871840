package org.teeka.session.web;

import jakarta.validation.Valid;
import org.springframework.format.annotation.DateTimeFormat;
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
import org.teeka.account.StaffPrincipal;
import org.teeka.center.Center;
import org.teeka.center.Centers;
import org.teeka.session.PlanResult;
import org.teeka.session.SessionPlan;
import org.teeka.session.Sessions;
import org.teeka.vaccine.Vaccine;
import org.teeka.vaccine.VaccineCatalog;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

@Controller
class SessionController {

    private final Sessions sessions;
    private final Centers centers;
    private final VaccineCatalog vaccines;
    private final Clock clock;

    SessionController(Sessions sessions, Centers centers, VaccineCatalog vaccines, Clock clock) {
        this.sessions = sessions;
        this.centers = centers;
        this.vaccines = vaccines;
        this.clock = clock;
    }

    @GetMapping("/staff")
    String home() {
        return "redirect:/staff/sessions";
    }

    /** A day's sessions across the staff member's scope, with how full each is. */
    @GetMapping("/staff/sessions")
    String day(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
               @AuthenticationPrincipal StaffPrincipal staff, Model model) {
        LocalDate day = date != null ? date : LocalDate.now(clock);
        model.addAttribute("date", day);
        model.addAttribute("previous", day.minusDays(1));
        model.addAttribute("next", day.plusDays(1));
        model.addAttribute("sessions", sessions.on(day, staff.scope()));
        model.addAttribute("centersById", centers.visibleTo(staff.scope()).stream()
                .collect(Collectors.toMap(Center::id, Function.identity())));
        model.addAttribute("vaccinesByCode", vaccinesByCode());
        return "session/day";
    }

    @GetMapping("/staff/centers/{centerId}/sessions")
    String atCenter(@PathVariable int centerId, @AuthenticationPrincipal StaffPrincipal staff, Model model) {
        model.addAttribute("center", centers.get(centerId, staff.scope()));
        model.addAttribute("sessions", sessions.atCenter(centerId, LocalDate.now(clock), 28, staff.scope()));
        model.addAttribute("vaccinesByCode", vaccinesByCode());
        return "session/center";
    }

    @GetMapping("/staff/centers/{centerId}/sessions/new")
    String newPlan(@PathVariable int centerId, @AuthenticationPrincipal StaffPrincipal staff, Model model) {
        Center center = centers.get(centerId, staff.scope());
        staff.scope().require(Permission.MANAGE_SESSIONS);
        LocalDate nextMonday = LocalDate.now(clock).with(java.time.temporal.TemporalAdjusters.next(DayOfWeek.MONDAY));
        model.addAttribute("plan", SessionPlan.everyWeekday("COVISHIELD", nextMonday, 4, 18, null, 100, 0,
                center.opensAt(), LocalTime.of(Math.min(center.closesAt().getHour(), 17), 0), 120));
        return planForm(center, model);
    }

    @PostMapping("/staff/centers/{centerId}/sessions/new")
    String plan(@PathVariable int centerId, @Valid @ModelAttribute("plan") SessionPlan plan, BindingResult errors,
                @AuthenticationPrincipal StaffPrincipal staff, Model model, RedirectAttributes redirect) {
        Center center = centers.get(centerId, staff.scope());
        staff.scope().require(Permission.MANAGE_SESSIONS);
        if (errors.hasErrors()) {
            return planForm(center, model);
        }
        PlanResult result;
        try {
            result = sessions.plan(centerId, plan, staff.scope(), staff.getUsername());
        } catch (Sessions.PlanRejectedException rejected) {
            errors.reject(rejected.code(), rejected.arguments(), rejected.code());
            return planForm(center, model);
        }
        redirect.addFlashAttribute("planResult", result);
        return "redirect:/staff/centers/" + centerId + "/sessions";
    }

    private String planForm(Center center, Model model) {
        model.addAttribute("center", center);
        model.addAttribute("vaccines", vaccines.all());
        model.addAttribute("weekdays", DayOfWeek.values());
        return "session/plan";
    }

    private Map<String, Vaccine> vaccinesByCode() {
        return vaccines.all().stream().collect(Collectors.toMap(Vaccine::code, Function.identity()));
    }
}
