package org.teeka.geo;

import org.teeka.platform.NotFoundException;

/** No state has this id. */
public class UnknownStateException extends NotFoundException {

    public UnknownStateException(int stateId) {
        super("geo.error.unknown-state", String.valueOf(stateId));
    }
}
