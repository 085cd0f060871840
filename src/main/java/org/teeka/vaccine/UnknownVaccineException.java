package org.teeka.vaccine;

import org.teeka.platform.NotFoundException;

/** No vaccine in the catalogue has this code. */
public class UnknownVaccineException extends NotFoundException {

    public UnknownVaccineException(String code) {
        super("vaccine.error.unknown", code);
    }
}
