package org.teeka.smsc;

import java.time.Duration;

/**
 * How badly the simulator behaves. Shares are applied evenly, not at random: 25 % rejects every
 * fourth submit_sm.
 *
 * @param down binds are refused and bound sessions dropped
 * @param slow every submit_sm is answered this much later
 * @param rejectPercent share of submit_sm answered with ESME_RSUBMITFAIL (0x45)
 * @param undeliverablePercent share of messages whose receipt says UNDELIV instead of DELIVRD
 * @param receipts whether receipts are sent when asked for
 */
public record SmscFailureModes(boolean down, Duration slow, int rejectPercent, int undeliverablePercent, boolean receipts) {

    public static final SmscFailureModes NORMAL = new SmscFailureModes(false, Duration.ZERO, 0, 0, true);

    public SmscFailureModes {
        slow = slow == null || slow.isNegative() ? Duration.ZERO : slow.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : slow;
        rejectPercent = Math.clamp(rejectPercent, 0, 100);
        undeliverablePercent = Math.clamp(undeliverablePercent, 0, 100);
    }

    public SmscFailureModes withDown(boolean down) {
        return new SmscFailureModes(down, slow, rejectPercent, undeliverablePercent, receipts);
    }

    public SmscFailureModes withSlow(Duration slow) {
        return new SmscFailureModes(down, slow, rejectPercent, undeliverablePercent, receipts);
    }

    public SmscFailureModes withRejectPercent(int rejectPercent) {
        return new SmscFailureModes(down, slow, rejectPercent, undeliverablePercent, receipts);
    }

    public SmscFailureModes withUndeliverablePercent(int undeliverablePercent) {
        return new SmscFailureModes(down, slow, rejectPercent, undeliverablePercent, receipts);
    }

    public SmscFailureModes withReceipts(boolean receipts) {
        return new SmscFailureModes(down, slow, rejectPercent, undeliverablePercent, receipts);
    }
}
