package org.teeka.center;

import org.teeka.platform.NotFoundException;

/** No center has this id. */
public class CenterNotFoundException extends NotFoundException {

    public CenterNotFoundException(int id) {
        super("center.error.not-found", String.valueOf(id)); // an id, not a quantity: no digit grouping
    }
}
