package org.teeka.account;

import java.util.EnumSet;
import java.util.Set;

/** A staff role, and what it allows within the member's scope. */
public enum Role {
    STATE_ADMIN(EnumSet.of(Permission.MANAGE_CENTERS, Permission.MANAGE_SESSIONS, Permission.EDIT_VACCINES)),
    DISTRICT_ADMIN(EnumSet.of(Permission.MANAGE_CENTERS, Permission.MANAGE_SESSIONS)),
    CENTER_MANAGER(EnumSet.of(Permission.MANAGE_SESSIONS)),
    VACCINATOR(EnumSet.noneOf(Permission.class)),
    HELPDESK_AGENT(EnumSet.noneOf(Permission.class));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    /** The message key of the role's name. */
    public String messageKey() {
        return "staff.role." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
