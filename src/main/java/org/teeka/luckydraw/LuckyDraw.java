package org.teeka.luckydraw;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A district's draw over the cards issued in a date range.
 *
 * @param seedHex the seed, in hex; null until the draw is made (only its hash is public before)
 * @param winners the winning card numbers in the order drawn; empty until the draw is made
 */
public record LuckyDraw(long id, int districtId, LocalDate fromDate, LocalDate toDate, int winnersWanted, int eligibleCount,
                        String listSha256, String seedSha256, String seedHex, Status status, Instant announcedAt,
                        Instant drawnAt, List<CardNumber> winners) {

    public enum Status {
        /** The list is frozen and the seed's hash published; the seed is still secret. */
        ANNOUNCED,
        /** The seed is revealed and the winners stored; nothing changes any more. */
        DRAWN;

        public String messageKey() {
            return "luckydraw.status." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean drawn() {
        return status == Status.DRAWN;
    }
}
