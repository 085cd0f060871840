package org.teeka.platform;

import org.springframework.http.HttpStatus;

/** The thing asked for does not exist. */
public abstract class NotFoundException extends TeekaException {

    protected NotFoundException(String code, Object... arguments) {
        super(HttpStatus.NOT_FOUND, code, arguments);
    }
}
