package org.teeka.booking;

import java.util.UUID;

/** A place came free in a session of a district: a cancellation or a reschedule away from it. */
public record CapacityReleased(UUID sessionId, int districtId, int dose) {
}
