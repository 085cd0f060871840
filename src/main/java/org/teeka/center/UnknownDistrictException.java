package org.teeka.center;

import org.springframework.http.HttpStatus;
import org.teeka.platform.TeekaException;

/** The district id given for a center is not a district of India. */
public class UnknownDistrictException extends TeekaException {

    public UnknownDistrictException(int districtId) {
        super(HttpStatus.BAD_REQUEST, "center.error.unknown-district", String.valueOf(districtId));
    }
}
