package org.teeka.beneficiary;

import org.springframework.http.HttpStatus;
import org.teeka.platform.TeekaException;

/**
 * A value entered for a beneficiary (mobile, photo ID, year of birth, reference id, security code)
 * is not valid. The code names what is wrong; the arguments never carry the value itself, so the
 * exception can be logged.
 */
public class InvalidValueException extends TeekaException {

    public InvalidValueException(String code, Object... arguments) {
        super(HttpStatus.BAD_REQUEST, code, arguments);
    }
}
