package org.teeka.booking;

import org.teeka.beneficiary.Beneficiary;

import java.util.Locale;

/**
 * One person to place in a batch allocation.
 *
 * @param preferredCenterId a center whose sessions are tried first, or null
 * @param language the language of their SMS
 */
public record AllocationRequest(Beneficiary beneficiary, Integer preferredCenterId, Locale language) {
}
