package org.teeka.center.web;

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
import org.teeka.account.StaffScope;
import org.teeka.center.Center;
import org.teeka.center.CenterDetails;
import org.teeka.center.Centers;
import org.teeka.geo.District;
import org.teeka.geo.Geography;
import org.teeka.vaccine.VaccineCatalog;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

@Controller
@RequestMapping("/staff/centers")
class CenterController {

    private final Centers centers;
    private final Geography geography;
    private final VaccineCatalog vaccines;

    CenterController(Centers centers, Geography geography, VaccineCatalog vaccines) {
        this.centers = centers;
        this.geography = geography;
        this.vaccines = vaccines;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffPrincipal staff, Model model) {
        model.addAttribute("centers", centers.visibleTo(staff.scope()));
        model.addAttribute("districts", districtsById(staff.scope()));
        return "center/list";
    }

    @GetMapping("/{id}")
    String show(@PathVariable int id, @AuthenticationPrincipal StaffPrincipal staff, Model model) {
        Center center = centers.get(id, staff.scope());
        model.addAttribute("center", center);
        model.addAttribute("district", geography.district(center.districtId()).orElseThrow());
        model.addAttribute("vaccines", vaccines.all());
        return "center/show";
    }

    @GetMapping("/new")
    String newCenter(@AuthenticationPrincipal StaffPrincipal staff, Model model) {
        staff.scope().require(Permission.MANAGE_CENTERS);
        model.addAttribute("details", CenterDetails.blank(staff.scope().districtId()));
        return form(staff.scope(), null, model);
    }

    @PostMapping("/new")
    String create(@Valid @ModelAttribute("details") CenterDetails details, BindingResult errors,
                  @AuthenticationPrincipal StaffPrincipal staff, Model model, RedirectAttributes redirect) {
        staff.scope().require(Permission.MANAGE_CENTERS);
        if (errors.hasErrors()) {
            return form(staff.scope(), null, model);
        }
        Center center = centers.create(details, staff.scope());
        redirect.addFlashAttribute("notice", "center.notice.created");
        return "redirect:/staff/centers/" + center.id();
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable int id, @AuthenticationPrincipal StaffPrincipal staff, Model model) {
        staff.scope().require(Permission.MANAGE_CENTERS);
        Center center = centers.get(id, staff.scope());
        model.addAttribute("details", CenterDetails.of(center));
        return form(staff.scope(), center, model);
    }

    @PostMapping("/{id}/edit")
    String update(@PathVariable int id, @Valid @ModelAttribute("details") CenterDetails details, BindingResult errors,
                  @AuthenticationPrincipal StaffPrincipal staff, Model model, RedirectAttributes redirect) {
        staff.scope().require(Permission.MANAGE_CENTERS);
        Center center = centers.get(id, staff.scope());
        if (errors.hasErrors()) {
            return form(staff.scope(), center, model);
        }
        centers.update(id, details, staff.scope());
        redirect.addFlashAttribute("notice", "center.notice.updated");
        return "redirect:/staff/centers/" + id;
    }

    private String form(StaffScope scope, Center center, Model model) {
        model.addAttribute("center", center);
        model.addAttribute("districtChoices", districtsById(scope).values());
        model.addAttribute("vaccines", vaccines.all());
        return "center/form";
    }

    private Map<Integer, District> districtsById(StaffScope scope) {
        List<District> districts = geography.districtsWithin(scope.stateId(), scope.districtId());
        return districts.stream().collect(Collectors.toMap(District::id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
