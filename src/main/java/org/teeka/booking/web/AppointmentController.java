package org.teeka.booking.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.teeka.account.CitizenPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.booking.Appointment;
import org.teeka.booking.BookingRefusedException;
import org.teeka.booking.AppointmentSlip;
import org.teeka.booking.Bookings;

import java.util.Locale;
import java.util.UUID;

/** An appointment's slip, and cancelling it after a confirmation. Another family's appointment is "not found". */
@Controller
class AppointmentController {

    private final Bookings bookings;
    private final Beneficiaries beneficiaries;
    private final CitizenViews views;

    AppointmentController(Bookings bookings, Beneficiaries beneficiaries, CitizenViews views) {
        this.bookings = bookings;
        this.beneficiaries = beneficiaries;
        this.views = views;
    }

    @GetMapping("/citizen/appointments/{id}")
    String slip(@PathVariable UUID id, @AuthenticationPrincipal CitizenPrincipal citizen, Model model) {
        model.addAttribute("view", view(id, citizen));
        return "booking/slip";
    }

    @GetMapping("/citizen/appointments/{id}/cancel")
    String confirmCancel(@PathVariable UUID id, @AuthenticationPrincipal CitizenPrincipal citizen, Model model) {
        var view = view(id, citizen);
        if (!view.active()) {
            return "redirect:/citizen/appointments/" + id;
        }
        model.addAttribute("view", view);
        return "booking/cancel";
    }

    /** Cancels; a second click on the same button finds it cancelled already, and that is the same outcome. */
    @PostMapping("/citizen/appointments/{id}/cancel")
    String cancel(@PathVariable UUID id, @AuthenticationPrincipal CitizenPrincipal citizen, Locale locale,
                  RedirectAttributes redirect) {
        try {
            bookings.cancel(citizen.mobile(), id, locale);
        } catch (BookingRefusedException refused) {
            if (bookings.get(id, citizen.mobile()).status() != Appointment.Status.CANCELLED) {
                throw refused;
            }
        }
        redirect.addFlashAttribute("notice", "booking.notice.cancelled");
        return "redirect:/citizen";
    }

    private AppointmentSlip view(UUID id, CitizenPrincipal citizen) {
        Appointment appointment = bookings.get(id, citizen.mobile());
        return views.appointment(appointment, beneficiaries.get(appointment.beneficiaryId(), citizen.mobile()));
    }
}
