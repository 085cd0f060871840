package org.teeka.booking.web;

import org.springframework.context.MessageSource;
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
import org.teeka.booking.Bookings;
import org.teeka.platform.pdf.PdfDocument;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/** The appointment slip as a PDF, in the reader's language; Hindi is set with proper conjuncts. */
@Controller
class AppointmentSlipPdfController {

    private final Bookings bookings;
    private final MessageSource messages;

    AppointmentSlipPdfController(Bookings bookings, MessageSource messages) {
        this.bookings = bookings;
        this.messages = messages;
    }

    @GetMapping("/citizen/appointments/{id}/slip.pdf")
    ResponseEntity<byte[]> slip(@PathVariable UUID id, @AuthenticationPrincipal CitizenPrincipal citizen, Locale locale) {
        AppointmentSlip slip = bookings.slip(id, citizen.mobile());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("teeka-slip-" + slip.appointment().confirmationNumber() + ".pdf").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(render(slip, locale));
    }

    private byte[] render(AppointmentSlip slip, Locale locale) {
        return PdfDocument.a5()
                .heading(text("slip.title", locale))
                .line(text("slip.confirmation", locale), slip.appointment().confirmationNumber())
                .line(text("slip.security-code", locale), slip.appointment().securityCode())
                .line(text("slip.beneficiary", locale), slip.beneficiary().name())
                .line(text("slip.reference-id", locale), slip.beneficiary().referenceId())
                .line(text("slip.id", locale), text(slip.beneficiary().idType().messageKey(), locale) + " " + slip.beneficiary().maskedId())
                .line(text("slip.dose", locale), slip.appointment().dose() + " · " + slip.vaccine().name(locale))
                .line(text("slip.center", locale), slip.center().name(locale))
                .line(text("slip.address", locale), slip.center().address(locale) + ", " + slip.center().pincode())
                .line(text("slip.date", locale), slip.session().date().format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", locale)))
                .line(text("slip.time", locale), slip.slot().startsAt() + "–" + slip.slot().endsAt())
                .paragraph(text("slip.bring", locale))
                .toBytes();
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
