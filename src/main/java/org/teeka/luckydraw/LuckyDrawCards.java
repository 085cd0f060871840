package org.teeka.luckydraw;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.center.Centers;
import org.teeka.vaccination.DoseAdministered;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Issues one lucky-draw card per person with their first dose, and finds cards. The database
 * holds the guarantees: a unique card number and one card per beneficiary.
 */
@Service
public class LuckyDrawCards {

    private static final int ATTEMPTS = 20;

    private final JdbcClient jdbc;
    private final Centers centers;
    private final Beneficiaries beneficiaries;
    private final SecureRandom random = new SecureRandom();
    private volatile Supplier<CardNumber> numbers = () -> CardNumber.generate(random);

    LuckyDrawCards(JdbcClient jdbc, Centers centers, Beneficiaries beneficiaries) {
        this.jdbc = jdbc;
        this.centers = centers;
        this.beneficiaries = beneficiaries;
    }

    /**
     * A first dose issues the person's card, in the transaction that records the dose: a plain
     * (synchronous) listener, not an {@code @ApplicationModuleListener}, so there is never a
     * vaccinated person without a card, nor a card for a dose that rolled back. Other doses, and a
     * replayed first dose, change nothing.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(DoseAdministered event) {
        if (event.dose() != 1) {
            return;
        }
        int districtId = event.centerId() != null
                ? centers.find(event.centerId()).orElseThrow().districtId()
                // a dose without a center (imported from elsewhere) enters the draw of the person's home district
                : beneficiaries.find(event.beneficiaryId()).orElseThrow().districtId();
        issue(event.beneficiaryId(), districtId, event.givenOn(), event.doseRecordId());
    }

    /** The person's card: the one they have, or a new one. Concurrent calls for one person give one card. */
    LuckyDrawCard issue(UUID beneficiaryId, int districtId, java.time.LocalDate issuedOn, UUID doseRecordId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // on conflict do nothing: neither a number already taken nor a second card for the person
            // aborts the dose's transaction; the row that is there then tells which it was
            int inserted = jdbc.sql("""
                            insert into lucky_draw_cards (card_number, beneficiary_id, district_id, issued_on, dose_record_id)
                            values (?, ?, ?, ?, ?)
                            on conflict do nothing""")
                    .params(numbers.get().value(), beneficiaryId, districtId, issuedOn, doseRecordId)
                    .update();
            Optional<LuckyDrawCard> card = cardOf(beneficiaryId);
            if (inserted == 1 || card.isPresent()) {
                return card.orElseThrow();
            }
        }
        throw new IllegalStateException("no free card number after " + ATTEMPTS + " attempts");
    }

    /** Tests narrow the numbers to a few to make collisions happen; production uses {@link SecureRandom}. */
    void numbersFrom(Supplier<CardNumber> source) {
        this.numbers = source == null ? () -> CardNumber.generate(random) : source;
    }

    /** The beneficiary's card, once their first dose is recorded. */
    public Optional<LuckyDrawCard> cardOf(UUID beneficiaryId) {
        return jdbc.sql("select card_number, beneficiary_id, district_id, issued_on from lucky_draw_cards where beneficiary_id = ?")
                .param(beneficiaryId).query(LuckyDrawCards::card).optional();
    }

    /** The cards of these beneficiaries, by beneficiary; those without a card are absent. */
    public Map<UUID, LuckyDrawCard> cardsOf(Collection<UUID> beneficiaryIds) {
        if (beneficiaryIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select card_number, beneficiary_id, district_id, issued_on from lucky_draw_cards where beneficiary_id = any(?)")
                .param(beneficiaryIds.toArray(UUID[]::new)).query(LuckyDrawCards::card).list().stream()
                .collect(Collectors.toMap(LuckyDrawCard::beneficiaryId, Function.identity()));
    }

    /** Every card number of the district issued in the range, sorted: a draw's eligible list. */
    List<CardNumber> eligible(int districtId, java.time.LocalDate from, java.time.LocalDate to) {
        return jdbc.sql("""
                        select card_number from lucky_draw_cards
                        where district_id = ? and issued_on between ? and ?
                        order by card_number collate "C"
                        """)
                .params(districtId, from, to).query(String.class).list().stream().map(CardNumber::new).toList();
    }

    private static LuckyDrawCard card(ResultSet rs, int row) throws SQLException {
        return new LuckyDrawCard(new CardNumber(rs.getString("card_number")), rs.getObject("beneficiary_id", UUID.class),
                rs.getInt("district_id"), rs.getObject("issued_on", java.time.LocalDate.class));
    }
}
