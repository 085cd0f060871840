package org.teeka.luckydraw.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.format.annotation.DateTimeFormat;
import org.teeka.luckydraw.LuckyDraws;

import java.time.LocalDate;

/** What a district admin enters to announce a draw. */
record AnnounceForm(
        @NotNull Integer districtId,
        @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate fromDate,
        @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate toDate,
        @NotNull @Min(1) @Max(LuckyDraws.MAX_WINNERS) Integer winners) {
}
