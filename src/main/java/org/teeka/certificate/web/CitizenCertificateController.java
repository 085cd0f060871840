package org.teeka.certificate.web;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.teeka.account.CitizenPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.certificate.Certificate;
import org.teeka.certificate.CertificatePdf;
import org.teeka.certificate.Certificates;

import java.util.Locale;
import java.util.UUID;

/** A family member's current certificate as a PDF in the reader's language; someone else's is "not found". */
@Controller
class CitizenCertificateController {

    private final Beneficiaries beneficiaries;
    private final Certificates certificates;
    private final CertificatePdf pdf;

    CitizenCertificateController(Beneficiaries beneficiaries, Certificates certificates, CertificatePdf pdf) {
        this.beneficiaries = beneficiaries;
        this.certificates = certificates;
        this.pdf = pdf;
    }

    @GetMapping("/citizen/members/{id}/certificate.pdf")
    ResponseEntity<byte[]> certificate(@PathVariable UUID id, @AuthenticationPrincipal CitizenPrincipal citizen, Locale locale) {
        Beneficiary member = beneficiaries.get(id, citizen.mobile());
        Certificate certificate = certificates.currentOf(member.id()).orElseThrow(Certificates.CertificateUnavailableException::new);
        return download(pdf.render(certificate, locale, verifyUrl()), certificate);
    }

    static String verifyUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/verify").toUriString();
    }

    static ResponseEntity<byte[]> download(byte[] body, Certificate certificate) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("teeka-certificate-" + certificate.id() + ".pdf").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
