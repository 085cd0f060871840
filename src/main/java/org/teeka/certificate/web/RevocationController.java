package org.teeka.certificate.web;

import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.teeka.account.Permission;
import org.teeka.account.StaffPrincipal;
import org.teeka.certificate.Certificate;
import org.teeka.certificate.Certificates;
import org.teeka.platform.OutOfScopeException;

/** A state admin looks a certificate of their state up by id and revokes it, giving a reason. */
@Controller
class RevocationController {

    private final Certificates certificates;

    RevocationController(Certificates certificates) {
        this.certificates = certificates;
    }

    @GetMapping("/staff/certificates")
    String find(@RequestParam(required = false) String id, @AuthenticationPrincipal StaffPrincipal staff, Model model) {
        staff.scope().require(Permission.REVOKE_CERTIFICATES);
        if (id != null && !id.isBlank()) {
            model.addAttribute("id", id);
            var found = certificates.find(id.strip()).filter(c -> c.stateId() == staff.scope().stateId());
            if (found.isEmpty()) {
                model.addAttribute("problem", "certificate.error.not-found");
            } else {
                show(found.get(), model);
                model.addAttribute("revocation", new RevocationForm(null));
            }
        }
        return "certificate/revoke";
    }

    @PostMapping("/staff/certificates/{id}/revoke")
    String revoke(@PathVariable String id, @Valid @ModelAttribute("revocation") RevocationForm form, BindingResult errors,
                  @AuthenticationPrincipal StaffPrincipal staff, Model model, RedirectAttributes redirect) {
        staff.scope().require(Permission.REVOKE_CERTIFICATES);
        Certificate certificate = certificates.find(id).orElseThrow(Certificates.CertificateNotFoundException::new);
        if (certificate.stateId() != staff.scope().stateId()) {
            throw new OutOfScopeException();
        }
        if (errors.hasErrors()) {
            model.addAttribute("id", certificate.id());
            show(certificate, model);
            return "certificate/revoke";
        }
        certificates.revoke(certificate.id(), form.reason(), staff.scope(), staff.getUsername());
        redirect.addFlashAttribute("notice", "certificate.notice.revoked");
        return "redirect:/staff/certificates?id=" + certificate.id();
    }

    private void show(Certificate certificate, Model model) {
        model.addAttribute("certificate", certificate);
        model.addAttribute("said", certificates.content(certificate));
    }
}
