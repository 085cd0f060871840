package org.teeka.account.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.teeka.account.StaffPrincipal;

/** Puts the signed-in staff member, if any, in every page's model as {@code staff}. */
@ControllerAdvice(basePackages = "org.teeka")
class StaffModel {

    @ModelAttribute("staff")
    StaffPrincipal staff(@AuthenticationPrincipal StaffPrincipal staff) {
        return staff;
    }
}
