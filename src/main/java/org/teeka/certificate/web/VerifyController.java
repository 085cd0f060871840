package org.teeka.certificate.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.teeka.certificate.Certificates;
import org.teeka.certificate.QrCodes;
import org.teeka.platform.Quotas;

import java.io.IOException;
import java.io.InputStream;

/**
 * The public verification page: a certificate id typed in, or a photo of its QR code (uploaded,
 * or taken with the phone's camera), answered valid, invalid or revoked. No sign-in; each client
 * address has a quota, and a photo may be at most {@value #MAX_IMAGE_MB} MB.
 */
@Controller
class VerifyController {

    static final int MAX_IMAGE_MB = 10;

    private final Certificates certificates;
    private final Quotas quotas;

    VerifyController(Certificates certificates, Quotas quotas) {
        this.certificates = certificates;
        this.quotas = quotas;
    }

    @GetMapping("/verify")
    String page(@RequestParam(required = false) String id, HttpServletRequest request, Model model) {
        model.addAttribute("maxImageMb", MAX_IMAGE_MB);
        if (id == null && request.getParameter("id") == null) {
            return "certificate/verify";
        }
        model.addAttribute("id", id);
        if (id == null || id.isBlank()) {
            model.addAttribute("problem", "verify.error.id-required");
            return "certificate/verify";
        }
        quotas.take("verify-per-ip", request.getRemoteAddr());
        model.addAttribute("verification", certificates.verifyId(id.strip()));
        return "certificate/verify";
    }

    @PostMapping("/verify")
    String upload(@RequestParam(value = "image", required = false) MultipartFile image, HttpServletRequest request, Model model)
            throws IOException {
        model.addAttribute("maxImageMb", MAX_IMAGE_MB);
        if (image == null || image.isEmpty()) {
            model.addAttribute("problem", "verify.error.image-required");
            return "certificate/verify";
        }
        quotas.take("verify-per-ip", request.getRemoteAddr());
        if (image.getSize() > MAX_IMAGE_MB * 1024L * 1024L) {
            model.addAttribute("problem", "verify.error.image-too-large");
            return "certificate/verify";
        }
        QrCodes.Read read;
        try (InputStream in = image.getInputStream()) {
            read = QrCodes.read(in);
        }
        if (read.problem() != null) {
            model.addAttribute("problem", read.problem() == QrCodes.Unreadable.NOT_AN_IMAGE ? "verify.error.not-an-image" : "verify.error.no-qr-code");
            return "certificate/verify";
        }
        model.addAttribute("verification", certificates.verifyPayload(read.text()));
        return "certificate/verify";
    }
}
