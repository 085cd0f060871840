package org.teeka.booking;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The doses people were given, which eligibility reads. The vaccination module implements this
 * (it owns the dose records and uses booking itself, so booking must not use it).
 */
public interface DoseHistory {

    /** The doses in force for the beneficiary, by dose number. */
    List<PastDose> of(UUID beneficiaryId);

    /** The doses in force for each of the beneficiaries; one entry per beneficiary with any. */
    Map<UUID, List<PastDose>> of(Collection<UUID> beneficiaryIds);
}
