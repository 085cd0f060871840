package org.teeka.luckydraw;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.teeka.IntegrationTest;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.Verhoeff;
import org.teeka.vaccination.DoseAdministered;
import org.teeka.vaccination.DoseRecord;
import org.teeka.vaccination.DoseRecords;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.teeka.luckydraw.LuckyDrawFixtures.PRAYAGRAJ;

@IntegrationTest
class LuckyDrawCardsIntegrationTests {

    @Autowired
    LuckyDrawCards cards;

    @Autowired
    DoseRecords doses;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transaction;

    private LuckyDrawFixtures fixtures;
    private final LocalDate day = LocalDate.of(2025, 3, 3);

    @BeforeEach
    void setUp() {
        fixtures = new LuckyDrawFixtures(beneficiaries, doses, jdbc);
    }

    @Test
    void issuesACardWithTheFirstDoseInTheCentersDistrictOnTheDoseDay() {
        Beneficiary person = fixtures.person();
        assertThat(cards.cardOf(person.id())).isEmpty();

        doses.record(person.id(), 1, "COVISHIELD", day, fixtures.centerIn(PRAYAGRAJ));

        LuckyDrawCard card = cards.cardOf(person.id()).orElseThrow();
        assertThat(card.districtId()).isEqualTo(PRAYAGRAJ);
        assertThat(card.issuedOn()).isEqualTo(day);
        assertThat(card.number().value()).matches("[1-9][0-9]{11}").satisfies(n -> assertThat(Verhoeff.isValid(n)).isTrue());
    }

    @Test
    void takesTheDistrictFromTheCenterNotFromWhereThePersonLives() {
        Beneficiary prayagrajResident = fixtures.person();
        doses.record(prayagrajResident.id(), 1, "COVAXIN", day, fixtures.centerIn(LuckyDrawFixtures.RAIPUR));
        assertThat(cards.cardOf(prayagrajResident.id()).orElseThrow().districtId()).isEqualTo(LuckyDrawFixtures.RAIPUR);
    }

    @Test
    void issuesNoSecondCardWithTheSecondDose() {
        Beneficiary person = fixtures.vaccinatedIn(PRAYAGRAJ, day);
        LuckyDrawCard first = cards.cardOf(person.id()).orElseThrow();

        doses.record(person.id(), 2, "COVISHIELD", day.plusDays(84), fixtures.centerIn(PRAYAGRAJ));

        assertThat(cardRows(person.id())).isEqualTo(1);
        assertThat(cards.cardOf(person.id())).contains(first);
    }

    @Test
    void issuesNoCardForASecondDoseAlone() {
        Beneficiary person = fixtures.person();
        transaction.executeWithoutResult(status -> events.publishEvent(
                new DoseAdministered(UUID.randomUUID(), person.id(), 2, "COVISHIELD", day, fixtures.centerIn(PRAYAGRAJ))));
        assertThat(cards.cardOf(person.id())).isEmpty();
    }

    @Test
    void aReplayedFirstDoseKeepsTheOneCard() {
        Beneficiary person = fixtures.vaccinatedIn(PRAYAGRAJ, day);
        LuckyDrawCard first = cards.cardOf(person.id()).orElseThrow();
        DoseRecord dose = doses.of(person.id()).getFirst();

        for (int i = 0; i < 3; i++) {
            transaction.executeWithoutResult(status -> events.publishEvent(new DoseAdministered(dose.id(), person.id(), 1,
                    dose.vaccineCode(), dose.givenOn().plusDays(1), dose.centerId())));
        }

        assertThat(cardRows(person.id())).isEqualTo(1);
        assertThat(cards.cardOf(person.id())).contains(first);
    }

    @Test
    void aDoseThatRollsBackLeavesNoCard() {
        Beneficiary person = fixtures.person();
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            doses.record(person.id(), 1, "COVISHIELD", day, fixtures.centerIn(PRAYAGRAJ));
            throw new IllegalStateException("the recording transaction fails after the dose");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(cards.cardOf(person.id())).isEmpty();
    }

    @Test
    void concurrentFirstDosesOfDifferentPeopleGetDistinctCardsEvenWhenNumbersCollide() throws Exception {
        // 40 people vaccinated at once while card numbers come from a pool of only 60: collisions are
        // certain, and the database's unique card number (with the retry) must still give 40 distinct cards
        String prefix = String.valueOf(ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L));
        List<CardNumber> pool = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String digits = prefix + String.format("%03d", i);
            pool.add(new CardNumber(digits + Verhoeff.checkDigit(digits)));
        }
        cards.numbersFrom(() -> pool.get(ThreadLocalRandom.current().nextInt(pool.size())));
        try {
            List<Beneficiary> people = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                people.add(fixtures.person());
            }
            int center = fixtures.centerIn(PRAYAGRAJ);
            var start = new CountDownLatch(1);
            try (var threads = Executors.newFixedThreadPool(16)) {
                List<Future<DoseRecord>> recorded = new ArrayList<>();
                for (Beneficiary person : people) {
                    recorded.add(threads.submit(() -> {
                        start.await();
                        return doses.record(person.id(), 1, "COVISHIELD", day, center);
                    }));
                }
                start.countDown();
                for (Future<DoseRecord> dose : recorded) {
                    dose.get();
                }
            }
            var issued = cards.cardsOf(people.stream().map(Beneficiary::id).toList());
            assertThat(issued).hasSize(40);
            assertThat(issued.values().stream().map(LuckyDrawCard::number)).doesNotHaveDuplicates().allMatch(pool::contains);
        } finally {
            cards.numbersFrom(null);
        }
    }

    @Test
    void concurrentReplaysOfOnePersonsFirstDoseGiveOneCard() throws Exception {
        Beneficiary person = fixtures.person();
        int center = fixtures.centerIn(PRAYAGRAJ);
        var start = new CountDownLatch(1);
        try (var threads = Executors.newFixedThreadPool(8)) {
            List<Future<?>> replays = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                replays.add(threads.submit(() -> {
                    start.await();
                    transaction.executeWithoutResult(status -> events.publishEvent(
                            new DoseAdministered(UUID.randomUUID(), person.id(), 1, "COVISHIELD", day, center)));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> replay : replays) {
                replay.get();
            }
        }
        assertThat(cardRows(person.id())).isEqualTo(1);
    }

    private int cardRows(UUID beneficiaryId) {
        return jdbc.sql("select count(*) from lucky_draw_cards where beneficiary_id = ?").param(beneficiaryId).query(Integer.class).single();
    }
}
