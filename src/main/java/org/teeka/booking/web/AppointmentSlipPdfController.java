package org.teeka.booking.web;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.teeka.account.CitizenPrincipal;
import org.teeka.booking.AppointmentSlip;
import org.teeka.booking.AppointmentSlipPdf;
import org.teeka.booking.Bookings;

import java.util.Locale;
import java.util.UUID;

/** The appointment slip as a PDF, in the reader's language; Hindi is set with proper conjuncts. */
@Controller
class AppointmentSlipPdfController {

    private final Bookings bookings;
    private final AppointmentSlipPdf pdf;

    AppointmentSlipPdfController(Bookings bookings, AppointmentSlipPdf pdf) {
        this.bookings = bookings;
        this.pdf = pdf;
    }

    @GetMapping("/citizen/appointments/{id}/slip.pdf")
    ResponseEntity<byte[]> slip(@PathVariable UUID id, @AuthenticationPrincipal CitizenPrincipal citizen, Locale locale) {
        AppointmentSlip slip = bookings.slip(id, citizen.mobile());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("teeka-slip-" + slip.appointment().confirmationNumber() + ".pdf").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf.render(slip, locale));
    }
}
