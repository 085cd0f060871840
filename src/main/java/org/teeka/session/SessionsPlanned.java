package org.teeka.session;

import java.util.List;
import java.time.LocalDate;

/** New sessions were created at a center: places appeared in its district. */
public record SessionsPlanned(int centerId, int districtId, List<LocalDate> dates) {
}
