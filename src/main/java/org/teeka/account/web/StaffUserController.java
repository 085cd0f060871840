package org.teeka.account.web;

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
import org.teeka.account.AppointmentRefusedException;
import org.teeka.account.CenterDirectory;
import org.teeka.account.NewStaffMember;
import org.teeka.account.Permission;
import org.teeka.account.StaffAccounts;
import org.teeka.account.StaffPrincipal;
import org.teeka.account.StaffScope;
import org.teeka.geo.Geography;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

@Controller
@RequestMapping("/staff/users")
class StaffUserController {

    private final StaffAccounts accounts;
    private final CenterDirectory centers;
    private final Geography geography;

    StaffUserController(StaffAccounts accounts, CenterDirectory centers, Geography geography) {
        this.accounts = accounts;
        this.centers = centers;
        this.geography = geography;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffPrincipal staff, Model model) {
        staff.scope().require(Permission.MANAGE_STAFF);
        model.addAttribute("members", accounts.visibleTo(staff.scope()));
        model.addAttribute("centersById", centersById(staff.scope()));
        model.addAttribute("geography", geography);
        return "account/users";
    }

    @GetMapping("/new")
    String newMember(@AuthenticationPrincipal StaffPrincipal staff, Model model) {
        staff.scope().require(Permission.MANAGE_STAFF);
        model.addAttribute("member", new NewStaffMember(null, null, null,
                staff.role().mayAppoint().getLast(), staff.scope().districtId(), null));
        return form(staff.scope(), model);
    }

    @PostMapping("/new")
    String create(@Valid @ModelAttribute("member") NewStaffMember member, BindingResult errors,
                  @AuthenticationPrincipal StaffPrincipal staff, Model model, RedirectAttributes redirect) {
        staff.scope().require(Permission.MANAGE_STAFF);
        if (errors.hasErrors()) {
            return form(staff.scope(), model);
        }
        try {
            accounts.appoint(member, staff.scope());
        } catch (AppointmentRefusedException refused) {
            errors.reject(refused.code(), refused.code());
            return form(staff.scope(), model);
        }
        redirect.addFlashAttribute("notice", "staff.notice.created");
        return "redirect:/staff/users";
    }

    private String form(StaffScope scope, Model model) {
        model.addAttribute("roles", scope.role().mayAppoint());
        model.addAttribute("districtChoices", geography.districtsWithin(scope.stateId(), scope.districtId()));
        model.addAttribute("centerChoices", centers.visibleTo(scope));
        return "account/user-form";
    }

    private Map<Integer, CenterDirectory.Place> centersById(StaffScope scope) {
        return centers.visibleTo(scope).stream().collect(Collectors.toMap(CenterDirectory.Place::centerId, Function.identity()));
    }
}
