package org.teeka.beneficiary;

import java.util.Optional;

/**
 * Another module's say in whether a beneficiary may be removed, because it holds something about
 * them that removal would lose (an active appointment, a dose on record). Asked inside the
 * removal's transaction after the beneficiary's row is locked, so what the check reads cannot
 * gain a new row for them before the removal commits.
 */
@FunctionalInterface
public interface RemovalCheck {

    /** The message key saying why the beneficiary cannot be removed, or empty when nothing stands in the way. */
    Optional<String> refusal(Beneficiary beneficiary);
}
