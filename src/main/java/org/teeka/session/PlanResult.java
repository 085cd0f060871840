package org.teeka.session;

import java.time.LocalDate;
import java.util.List;

/**
 * What a bulk plan did.
 *
 * @param created dates on which a session was created
 * @param skipped dates on which the center already had a session for that vaccine and age, left as it was
 */
public record PlanResult(List<LocalDate> created, List<LocalDate> skipped) {
}
