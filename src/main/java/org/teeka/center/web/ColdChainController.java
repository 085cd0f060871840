package org.teeka.center.web;

import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.teeka.account.Permission;
import org.teeka.account.StaffPrincipal;
import org.teeka.account.StaffScope;
import org.teeka.center.Center;
import org.teeka.center.Centers;
import org.teeka.center.ColdChainPoint;
import org.teeka.center.ColdChainPointDetails;
import org.teeka.center.ColdChainPoints;
import org.teeka.geo.Geography;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

@Controller
@RequestMapping("/staff/cold-chain")
class ColdChainController {

    private final ColdChainPoints points;
    private final Centers centers;
    private final Geography geography;

    ColdChainController(ColdChainPoints points, Centers centers, Geography geography) {
        this.points = points;
        this.centers = centers;
        this.geography = geography;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffPrincipal staff, Model model) {
        model.addAttribute("points", points.visibleTo(staff.scope()));
        model.addAttribute("centersById", centersById(staff.scope()));
        model.addAttribute("geography", geography);
        return "center/cold-chain";
    }

    @GetMapping("/new")
    String newPoint(@AuthenticationPrincipal StaffPrincipal staff, Model model) {
        staff.scope().require(Permission.MANAGE_CENTERS);
        model.addAttribute("details", new ColdChainPointDetails(ColdChainPoint.Kind.ILR, null, staff.scope().districtId(), null));
        return form(staff.scope(), model);
    }

    @PostMapping("/new")
    String create(@Valid @ModelAttribute("details") ColdChainPointDetails details, BindingResult errors,
                  @AuthenticationPrincipal StaffPrincipal staff, Model model, RedirectAttributes redirect) {
        staff.scope().require(Permission.MANAGE_CENTERS);
        if (errors.hasErrors()) {
            return form(staff.scope(), model);
        }
        points.create(details, staff.scope());
        redirect.addFlashAttribute("notice", "cold-chain.notice.created");
        return "redirect:/staff/cold-chain";
    }

    private String form(StaffScope scope, Model model) {
        model.addAttribute("kinds", ColdChainPoint.Kind.values());
        model.addAttribute("districtChoices", geography.districtsWithin(scope.stateId(), scope.districtId()));
        model.addAttribute("centerChoices", centers.visibleTo(scope));
        return "center/cold-chain-form";
    }

    private Map<Integer, Center> centersById(StaffScope scope) {
        return centers.visibleTo(scope).stream().collect(Collectors.toMap(Center::id, Function.identity()));
    }
}
