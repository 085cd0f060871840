package org.teeka.certificate;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.teeka.platform.pdf.PdfDocument;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Sets a certificate as a one-page A4 PDF in the reader's language, with its QR code. */
@Component
public class CertificatePdf {

    private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

    private final Certificates certificates;
    private final MessageSource messages;
    private final CertificateNames names;

    CertificatePdf(Certificates certificates, MessageSource messages, CertificateNames names) {
        this.certificates = certificates;
        this.messages = messages;
        this.names = names;
    }

    /** @param verifyUrl where the public verification page is, printed under the QR code */
    public byte[] render(Certificate certificate, Locale locale, String verifyUrl) {
        CertificateContent content = certificates.content(certificate);
        DateTimeFormatter date = DateTimeFormatter.ofPattern("d MMMM yyyy", locale);
        PdfDocument pdf = PdfDocument.a4()
                .heading(text(locale, content.kind() == CertificateContent.Kind.FINAL ? "certificate.pdf.title-final" : "certificate.pdf.title-provisional"))
                .line(text(locale, "certificate.field.id"), content.certificateId())
                .line(text(locale, "certificate.field.name"), content.name())
                .line(text(locale, "certificate.field.birth-year"), String.valueOf(content.birthYear()))
                .line(text(locale, "certificate.field.gender"), text(locale, "beneficiary.gender." + content.gender().toLowerCase(Locale.ROOT)))
                .line(text(locale, "certificate.field.photo-id"), idType(content.photoIdType(), locale) + " " + content.photoIdNumber())
                .line(text(locale, "certificate.field.reference-id"), content.referenceId());
        // the lucky-draw card number, issued with the first dose
        if (content.cardNumber() != null) {
            pdf.line(text(locale, "certificate.field.card-number"), content.cardNumber());
        }
        pdf.line(text(locale, "certificate.field.issued"), date.format(content.issuedAt().atZone(INDIA)));
        for (CertificateContent.Dose dose : content.doses()) {
            pdf.line(text(locale, "certificate.field.dose", String.valueOf(dose.dose()), String.valueOf(dose.totalDoses())),
                    names.vaccine(dose, locale) + " · " + date.format(dose.date()) + " · " + names.place(dose, locale));
        }
        return pdf.qrCode(QrCodes.scaled(QrCodes.image(certificate.qrPayload()), 4), 70)
                .paragraph(text(locale, "certificate.pdf.verify", verifyUrl))
                .toBytes();
    }

    private String idType(String name, Locale locale) {
        try {
            return text(locale, org.teeka.beneficiary.PhotoIdType.valueOf(name).messageKey());
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    private String text(Locale locale, String key, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }

}
