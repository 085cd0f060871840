package org.teeka.platform;

import org.springframework.http.HttpStatus;

/** The signed-in staff member may not see or change this: it lies outside their state, district or center, or beyond their role. */
public class OutOfScopeException extends TeekaException {

    public OutOfScopeException() {
        super(HttpStatus.FORBIDDEN, "staff.error.out-of-scope");
    }
}
