package org.teeka.account;

import org.teeka.platform.OutOfScopeException;

/**
 * The part of the programme a staff member works in: their whole state, one district, or one
 * center. Every staff read and write is checked against it.
 *
 * @param districtId set for district admins, center managers and vaccinators
 * @param centerId set for center managers and vaccinators
 */
public record StaffScope(Role role, int stateId, Integer districtId, Integer centerId) {

    public StaffScope {
        if (role == null) {
            throw new IllegalArgumentException("role is required");
        }
        boolean needsDistrict = role == Role.DISTRICT_ADMIN || role == Role.CENTER_MANAGER || role == Role.VACCINATOR;
        boolean needsCenter = role == Role.CENTER_MANAGER || role == Role.VACCINATOR;
        if (needsDistrict && districtId == null) {
            throw new IllegalArgumentException("districtId is required for " + role);
        }
        if (needsCenter && centerId == null) {
            throw new IllegalArgumentException("centerId is required for " + role);
        }
    }

    public static StaffScope state(Role role, int stateId) {
        return new StaffScope(role, stateId, null, null);
    }

    public static StaffScope district(Role role, int stateId, int districtId) {
        return new StaffScope(role, stateId, districtId, null);
    }

    public static StaffScope center(Role role, int stateId, int districtId, int centerId) {
        return new StaffScope(role, stateId, districtId, centerId);
    }

    /** Whether the whole of this district lies in the scope. */
    public boolean coversDistrict(int stateId, int districtId) {
        return this.stateId == stateId && centerId == null && (this.districtId == null || this.districtId == districtId);
    }

    /** Whether this center lies in the scope. */
    public boolean coversCenter(int stateId, int districtId, int centerId) {
        return this.stateId == stateId
                && (this.districtId == null || this.districtId == districtId)
                && (this.centerId == null || this.centerId == centerId);
    }

    public boolean allows(Permission permission) {
        return role.allows(permission);
    }

    /** Throws unless the role allows this. */
    public void require(Permission permission) {
        if (!allows(permission)) {
            throw new OutOfScopeException();
        }
    }

    /** Throws unless the center lies in the scope and the role allows this. */
    public void requireCenter(int stateId, int districtId, int centerId, Permission permission) {
        if (!coversCenter(stateId, districtId, centerId) || (permission != null && !allows(permission))) {
            throw new OutOfScopeException();
        }
    }
}
