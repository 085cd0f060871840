package org.teeka.luckydraw.web;

import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.teeka.account.Permission;
import org.teeka.account.StaffPrincipal;
import org.teeka.geo.District;
import org.teeka.geo.Geography;
import org.teeka.luckydraw.LuckyDraw;
import org.teeka.luckydraw.LuckyDrawRefusedException;
import org.teeka.luckydraw.LuckyDraws;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/** District admins announce their district's draws and, later, make them. */
@Controller
@RequestMapping("/staff/lucky-draws")
class StaffLuckyDrawController {

    private final LuckyDraws draws;
    private final Geography geography;
    private final Clock clock;

    StaffLuckyDrawController(LuckyDraws draws, Geography geography, Clock clock) {
        this.draws = draws;
        this.geography = geography;
        this.clock = clock;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffPrincipal staff, Model model) {
        staff.scope().require(Permission.RUN_LUCKY_DRAWS);
        LocalDate yesterday = LocalDate.now(clock).minusDays(1);
        List<District> districts = districts(staff);
        model.addAttribute("form", new AnnounceForm(districts.isEmpty() ? null : districts.getFirst().id(),
                yesterday.withDayOfMonth(1).isAfter(yesterday) ? yesterday : yesterday.withDayOfMonth(1), yesterday, 1));
        return page(staff, model);
    }

    @PostMapping
    String announce(@Valid @ModelAttribute("form") AnnounceForm form, BindingResult errors,
                    @AuthenticationPrincipal StaffPrincipal staff, Model model, RedirectAttributes redirect) {
        staff.scope().require(Permission.RUN_LUCKY_DRAWS);
        if (errors.hasErrors()) {
            return page(staff, model);
        }
        try {
            LuckyDraw draw = draws.announce(form.districtId(), form.fromDate(), form.toDate(), form.winners(), staff.scope(), staff.id());
            redirect.addFlashAttribute("notice", "luckydraw.notice.announced");
            return "redirect:/staff/lucky-draws#draw-" + draw.id();
        } catch (LuckyDrawRefusedException refused) {
            errors.reject(refused.code(), refused.arguments(), refused.code());
            return page(staff, model);
        }
    }

    @PostMapping("/{id}/draw")
    String draw(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal staff, RedirectAttributes redirect) {
        LuckyDraw before = draws.find(id).orElse(null);
        LuckyDraw draw = draws.draw(id, staff.scope(), staff.id());
        redirect.addFlashAttribute("notice", before != null && before.drawn() ? "luckydraw.notice.already-drawn" : "luckydraw.notice.drawn");
        return "redirect:/staff/lucky-draws#draw-" + draw.id();
    }

    private String page(StaffPrincipal staff, Model model) {
        List<District> districts = districts(staff);
        model.addAttribute("districts", districts);
        model.addAttribute("draws", districts.stream()
                .flatMap(d -> draws.inDistrict(d.id()).stream())
                .sorted(Comparator.comparing(LuckyDraw::announcedAt).reversed())
                .toList());
        model.addAttribute("geography", geography);
        return "luckydraw/staff";
    }

    private List<District> districts(StaffPrincipal staff) {
        return geography.districtsWithin(staff.scope().stateId(), staff.scope().districtId());
    }
}
