package org.teeka.account;

import org.springframework.http.HttpStatus;
import org.teeka.platform.TeekaException;

/** A new staff member cannot be created as asked; the code says why. */
public class AppointmentRefusedException extends TeekaException {

    AppointmentRefusedException(String code) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, code);
    }
}
