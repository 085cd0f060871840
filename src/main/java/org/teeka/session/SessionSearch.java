package org.teeka.session;

import java.time.LocalDate;
import java.util.List;

/**
 * What a citizen searches for. Null fields do not filter.
 *
 * @param centerIds the centers at a PIN code, when searching by PIN
 * @param dose only sessions with places left for this dose
 */
public record SessionSearch(LocalDate from, int days, Integer districtId, List<Integer> centerIds,
                            String vaccineCode, Integer age, Integer dose) {

    public SessionSearch {
        if (from == null) {
            throw new IllegalArgumentException("from is required");
        }
        if (days < 1 || days > 14) {
            throw new IllegalArgumentException("days must be between 1 and 14");
        }
        centerIds = centerIds == null ? null : List.copyOf(centerIds);
    }
}
