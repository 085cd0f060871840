package org.teeka.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.teeka.account.CitizenSignIn;
import org.teeka.account.OtpLogin;
import org.teeka.account.OtpRefusedException;
import org.teeka.platform.TooManyRequestsException;

import java.util.Locale;
import java.util.UUID;

/** Citizen sign-in: the mobile number, then the code it received. The OTP's transaction id stays in the server session. */
@Controller
class CitizenLoginController {

    private static final String TRANSACTION = "otp.transaction";
    private static final String MOBILE = "otp.mobile";

    private final OtpLogin otp;
    private final CitizenSignIn signIn;

    CitizenLoginController(OtpLogin otp, CitizenSignIn signIn) {
        this.otp = otp;
        this.signIn = signIn;
    }

    @GetMapping("/citizen/login")
    String login() {
        return "account/citizen-login";
    }

    @PostMapping("/citizen/login")
    String sendCode(@RequestParam(defaultValue = "") String mobile, HttpServletRequest request, HttpServletResponse response,
                    HttpSession session, Locale locale, Model model) {
        String digits = normalise(mobile);
        model.addAttribute("mobile", mobile);
        try {
            UUID transaction = otp.send(digits, request.getRemoteAddr(), locale);
            session.setAttribute(TRANSACTION, transaction);
            session.setAttribute(MOBILE, digits);
            return "redirect:/citizen/otp";
        } catch (TooManyRequestsException | OtpRefusedException refused) {
            response.setStatus(refused.getStatusCode().value());
            refused.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            model.addAttribute("error", refused);
            return "account/citizen-login";
        }
    }

    @GetMapping("/citizen/otp")
    String codeForm(HttpSession session, Model model) {
        if (session.getAttribute(TRANSACTION) == null) {
            return "redirect:/citizen/login";
        }
        model.addAttribute("maskedMobile", masked((String) session.getAttribute(MOBILE)));
        return "account/citizen-otp";
    }

    @PostMapping("/citizen/otp")
    String confirm(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
                   HttpSession session, Model model) {
        if (!(session.getAttribute(TRANSACTION) instanceof UUID transaction)) {
            return "redirect:/citizen/login";
        }
        try {
            String mobile = otp.confirmDigits(transaction, code);
            session.removeAttribute(TRANSACTION);
            session.removeAttribute(MOBILE);
            signIn.signIn(mobile, request, response);
            return "redirect:/citizen";
        } catch (OtpRefusedException refused) {
            response.setStatus(refused.getStatusCode().value());
            model.addAttribute("error", refused);
            model.addAttribute("maskedMobile", masked((String) session.getAttribute(MOBILE)));
            return "account/citizen-otp";
        }
    }

    /** Accepts what people type: spaces, dashes, a leading +91 or 0. */
    static String normalise(String mobile) {
        String digits = mobile.replaceAll("[\\s-]", "");
        if (digits.startsWith("+91")) {
            digits = digits.substring(3);
        } else if (digits.length() == 12 && digits.startsWith("91")) {
            digits = digits.substring(2);
        } else if (digits.length() == 11 && digits.startsWith("0")) {
            digits = digits.substring(1);
        }
        return digits;
    }

    private static String masked(String mobile) {
        return mobile == null ? "" : "XXXXXX" + mobile.substring(6);
    }
}
