package org.teeka.account;

import java.time.Instant;

/** A staff user as the staff list shows them. */
public record StaffMember(long id, String username, String displayName, StaffScope scope, Instant lockedUntil) {

    public boolean locked() {
        return lockedUntil != null && lockedUntil.isAfter(Instant.now());
    }
}
