package org.teeka.account;

import java.util.EnumSet;
import java.util.Set;

/** A staff role, and what it allows within the member's scope. */
public enum Role {
    STATE_ADMIN(EnumSet.of(Permission.MANAGE_CENTERS, Permission.MANAGE_SESSIONS, Permission.EDIT_VACCINES, Permission.MANAGE_STAFF,
            Permission.IMPORT_BENEFICIARIES, Permission.VIEW_MESSAGES, Permission.RETRY_MESSAGES, Permission.REVOKE_CERTIFICATES)),
    DISTRICT_ADMIN(EnumSet.of(Permission.MANAGE_CENTERS, Permission.MANAGE_SESSIONS, Permission.MANAGE_STAFF,
            Permission.IMPORT_BENEFICIARIES, Permission.VIEW_MESSAGES, Permission.RETRY_MESSAGES, Permission.RUN_LUCKY_DRAWS)),
    CENTER_MANAGER(EnumSet.of(Permission.MANAGE_SESSIONS, Permission.RECORD_DOSES, Permission.MANAGE_CENTER_DAY)),
    VACCINATOR(EnumSet.of(Permission.RECORD_DOSES)),
    /** Answers citizens' calls: sees the messages of their state, changes nothing. */
    HELPDESK_AGENT(EnumSet.of(Permission.VIEW_MESSAGES));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    /** The roles a member of this role may give to new staff: those below it. */
    public java.util.List<Role> mayAppoint() {
        return switch (this) {
            case STATE_ADMIN -> java.util.List.of(values());
            case DISTRICT_ADMIN -> java.util.List.of(CENTER_MANAGER, VACCINATOR);
            default -> java.util.List.of();
        };
    }

    /** The message key of the role's name. */
    public String messageKey() {
        return "staff.role." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
