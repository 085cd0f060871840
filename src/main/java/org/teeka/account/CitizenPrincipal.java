package org.teeka.account;

import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;

/** A citizen signed in with their mobile's OTP. */
public record CitizenPrincipal(String mobile) implements Principal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public String getName() {
        return mobile;
    }

    /** The mobile with all but its last four digits hidden, for pages. */
    public String maskedMobile() {
        return "XXXXXX" + mobile.substring(6);
    }
}
