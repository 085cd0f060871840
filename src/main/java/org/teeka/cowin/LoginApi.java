package org.teeka.cowin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.teeka.account.BearerTokens;
import org.teeka.account.OtpLogin;
import org.teeka.platform.TooManyRequestsException;

import java.util.UUID;

/**
 * Sign-in with a mobile OTP, as CoWIN clients do it: ask for a code (it goes out as an SMS through
 * Teeka's outbox), then confirm the SHA-256 hex of its six digits for a bearer token. The web
 * app's variants take the same bodies (its {@code secret} is accepted and ignored).
 */
@CowinApi
@Tag(name = "Sign-in")
class LoginApi {

    private final OtpLogin otp;
    private final BearerTokens tokens;

    LoginApi(OtpLogin otp, BearerTokens tokens) {
        this.otp = otp;
        this.tokens = tokens;
    }

    @PostMapping("/api/v2/auth/public/generateOTP")
    @Operation(summary = "Send a 6-digit code to the mobile; 400 while the previous code's cooldown runs")
    Transaction generateOtp(@RequestBody(required = false) MobileRequest body, HttpServletRequest request) {
        return send(body, request);
    }

    @PostMapping("/api/v2/auth/generateMobileOTP")
    @Operation(summary = "The web app's way to ask for a code; secret is ignored")
    Transaction generateMobileOtp(@RequestBody(required = false) MobileRequest body, HttpServletRequest request) {
        return send(body, request);
    }

    @PostMapping("/api/v2/auth/public/confirmOTP")
    @Operation(summary = "Confirm the code, given as the SHA-256 hex of its 6 digits, for a bearer token")
    Token confirmOtp(@RequestBody(required = false) OtpRequest body) {
        return confirm(body);
    }

    @PostMapping("/api/v2/auth/validateMobileOtp")
    @Operation(summary = "The web app's way to confirm a code")
    Token validateMobileOtp(@RequestBody(required = false) OtpRequest body) {
        return confirm(body);
    }

    private Transaction send(MobileRequest body, HttpServletRequest request) {
        if (body == null || body.mobile() == null || body.mobile().isBlank()) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.mobile-required");
        }
        try {
            return new Transaction(otp.send(tenDigits(body.mobile()), request.getRemoteAddr(), CowinLanguage.of(request)).toString());
        } catch (TooManyRequestsException refused) {
            if (!refused.code().equals("otp.error.cooldown")) {
                throw refused;
            }
            // CoWIN answers a code asked for again too soon with 400; its clients wait and ask again
            var cooldown = new CowinRefusedException(HttpStatus.BAD_REQUEST, refused.code(), refused.arguments());
            cooldown.getHeaders().addAll(refused.getHeaders());
            throw cooldown;
        }
    }

    private Token confirm(OtpRequest body) {
        if (body == null || body.txnId() == null) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.parameter-missing", "txnId");
        }
        if (body.otp() == null || body.otp().isBlank()) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.parameter-missing", "otp");
        }
        UUID transaction;
        try {
            transaction = UUID.fromString(body.txnId().strip());
        } catch (IllegalArgumentException e) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.parameter-invalid", "txnId");
        }
        return new Token(tokens.issue(otp.confirm(transaction, body.otp())));
    }

    /** The mobile without spaces, dashes or a +91 / 91 / 0 prefix. */
    static String tenDigits(String mobile) {
        String digits = mobile.strip().replaceAll("[\\s-]", "");
        if (digits.matches("(\\+?91|0)[6-9][0-9]{9}")) {
            return digits.substring(digits.length() - 10);
        }
        return digits;
    }

    record MobileRequest(@JsonProperty("mobile") String mobile, @JsonProperty("secret") String secret) {
    }

    record OtpRequest(@JsonProperty("otp") String otp, @JsonProperty("txnId") String txnId) {
    }

    record Transaction(@JsonProperty("txnId") String txnId) {
    }

    record Token(@JsonProperty("token") String token) {
    }
}
