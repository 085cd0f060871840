package org.teeka.luckydraw;

import java.time.LocalDate;
import java.util.UUID;

/** The card a person got with their first dose: its number, the district it enters draws in, and the day. */
public record LuckyDrawCard(CardNumber number, UUID beneficiaryId, int districtId, LocalDate issuedOn) {
}
