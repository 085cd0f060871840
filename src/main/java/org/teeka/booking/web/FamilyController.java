package org.teeka.booking.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.teeka.account.CitizenPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.booking.Appointment;
import org.teeka.booking.BookingRefusedException;
import org.teeka.booking.Bookings;
import org.teeka.booking.Waitlist;

import java.util.Locale;
import java.util.UUID;

/**
 * "My family": each member with their appointments, and one click to book the earliest free place
 * near them or to wait for one. It lives in booking, not beneficiary, because it shows and makes
 * appointments (beneficiary may not depend on booking).
 */
@Controller
class FamilyController {

    private final Beneficiaries beneficiaries;
    private final Bookings bookings;
    private final Waitlist waitlist;
    private final CitizenViews views;

    FamilyController(Beneficiaries beneficiaries, Bookings bookings, Waitlist waitlist, CitizenViews views) {
        this.beneficiaries = beneficiaries;
        this.bookings = bookings;
        this.waitlist = waitlist;
        this.views = views;
    }

    /** What went wrong for one member, shown beside them after the redirect (a flash attribute, kept in the session). */
    public record MemberProblem(UUID member, String code, Object[] arguments, boolean nothingFree) implements java.io.Serializable {
    }

    @GetMapping("/citizen")
    String family(@AuthenticationPrincipal CitizenPrincipal citizen, Model model) {
        var family = beneficiaries.family(citizen.mobile());
        model.addAttribute("members", family.stream().map(views::member).toList());
        model.addAttribute("canAdd", family.size() < Beneficiaries.MAX_PER_MOBILE);
        model.addAttribute("maxMembers", Beneficiaries.MAX_PER_MOBILE);
        return "booking/family";
    }

    /** One click books the earliest free place near the member; a repeated click returns the same appointment. */
    @PostMapping("/citizen/members/{id}/earliest")
    String bookEarliest(@PathVariable UUID id, @RequestParam int dose, @RequestParam(required = false) String idempotencyKey,
                        @AuthenticationPrincipal CitizenPrincipal citizen, Locale locale, RedirectAttributes redirect) {
        try {
            Appointment appointment = bookings.bookEarliest(citizen.mobile(), id, dose, idempotencyKey, locale);
            redirect.addFlashAttribute("notice", "booking.notice.booked");
            return "redirect:/citizen/appointments/" + appointment.id();
        } catch (BookingRefusedException refused) {
            redirect.addFlashAttribute("problem", new MemberProblem(id, refused.code(), refused.arguments(),
                    refused.code().equals("booking.error.nothing-free")));
            return "redirect:/citizen";
        }
    }

    /** Puts the member on their district's waitlist for the dose; asking twice is the same as asking once. */
    @PostMapping("/citizen/members/{id}/waitlist")
    String joinWaitlist(@PathVariable UUID id, @RequestParam int dose, @AuthenticationPrincipal CitizenPrincipal citizen,
                        RedirectAttributes redirect) {
        Beneficiary member = beneficiaries.get(id, citizen.mobile());
        try {
            waitlist.join(citizen.mobile(), member.id(), dose, null);
        } catch (BookingRefusedException refused) {
            if (!refused.code().equals("booking.error.already-waiting")) {
                redirect.addFlashAttribute("problem", new MemberProblem(id, refused.code(), refused.arguments(), false));
                return "redirect:/citizen";
            }
        }
        redirect.addFlashAttribute("notice", "booking.notice.waiting");
        return "redirect:/citizen";
    }
}
