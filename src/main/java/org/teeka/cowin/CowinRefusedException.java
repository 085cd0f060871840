package org.teeka.cowin;

import org.springframework.http.HttpStatus;
import org.teeka.platform.TeekaException;

/** A CoWIN request that cannot be served as asked; the code is a message key, or a CoWIN error code via {@link CowinErrors}. */
class CowinRefusedException extends TeekaException {

    CowinRefusedException(HttpStatus status, String code, Object... arguments) {
        super(status, code, arguments);
    }
}
