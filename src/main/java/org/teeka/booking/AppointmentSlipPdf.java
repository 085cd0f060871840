package org.teeka.booking;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.teeka.platform.pdf.PdfDocument;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Sets an appointment slip as a one-page PDF in the reader's language; every API that hands out slips renders them here. */
@Component
public class AppointmentSlipPdf {

    private final MessageSource messages;

    AppointmentSlipPdf(MessageSource messages) {
        this.messages = messages;
    }

    public byte[] render(AppointmentSlip slip, Locale locale) {
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
