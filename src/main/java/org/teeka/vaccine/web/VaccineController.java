package org.teeka.vaccine.web;

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
import org.teeka.vaccine.UnknownVaccineException;
import org.teeka.vaccine.Vaccine;
import org.teeka.vaccine.VaccineCatalog;
import org.teeka.vaccine.VaccineRules;

@Controller
@RequestMapping("/staff/vaccines")
class VaccineController {

    private final VaccineCatalog catalog;

    VaccineController(VaccineCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("vaccines", catalog.all());
        return "vaccine/list";
    }

    @GetMapping("/{code}/edit")
    String edit(@PathVariable String code, @AuthenticationPrincipal StaffPrincipal staff, Model model) {
        staff.scope().require(Permission.EDIT_VACCINES);
        Vaccine vaccine = catalog.find(code).orElseThrow(() -> new UnknownVaccineException(code));
        model.addAttribute("vaccine", vaccine);
        model.addAttribute("rules", VaccineRules.of(vaccine));
        return "vaccine/form";
    }

    @PostMapping("/{code}/edit")
    String update(@PathVariable String code, @Valid @ModelAttribute("rules") VaccineRules rules, BindingResult errors,
                  @AuthenticationPrincipal StaffPrincipal staff, Model model, RedirectAttributes redirect) {
        staff.scope().require(Permission.EDIT_VACCINES);
        Vaccine vaccine = catalog.find(code).orElseThrow(() -> new UnknownVaccineException(code));
        if (errors.hasErrors()) {
            model.addAttribute("vaccine", vaccine);
            return "vaccine/form";
        }
        catalog.update(code, rules, staff.getUsername());
        redirect.addFlashAttribute("notice", "vaccine.notice.updated");
        return "redirect:/staff/vaccines";
    }
}
