package org.teeka.account;

import org.springframework.http.HttpStatus;
import org.teeka.platform.TeekaException;

/** An OTP that cannot be used: wrong, expired, already used, or out of attempts. */
public class OtpRefusedException extends TeekaException {

    OtpRefusedException(HttpStatus status, String code, Object... arguments) {
        super(status, code, arguments);
    }
}
