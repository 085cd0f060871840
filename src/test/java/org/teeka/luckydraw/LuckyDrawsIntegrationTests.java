package org.teeka.luckydraw;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.IntegrationTest;
import org.teeka.account.StaffAccounts;
import org.teeka.account.StaffPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.platform.OutOfScopeException;
import org.teeka.vaccination.DoseRecords;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.teeka.luckydraw.LuckyDrawFixtures.PRAYAGRAJ;
import static org.teeka.luckydraw.LuckyDrawFixtures.RAIPUR;

/** Each test vaccinates its own people on days of 2024 no other test uses, so its eligible list is its own. */
@IntegrationTest
class LuckyDrawsIntegrationTests {

    @Autowired
    LuckyDraws draws;

    @Autowired
    LuckyDrawCards cards;

    @Autowired
    DoseRecords doses;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    private LuckyDrawFixtures fixtures;
    private StaffPrincipal prayagraj;

    @BeforeEach
    void setUp() {
        fixtures = new LuckyDrawFixtures(beneficiaries, doses, jdbc);
        prayagraj = accounts.find("district.prayagraj").orElseThrow();
    }

    private List<CardNumber> vaccinate(int people, LocalDate from, int days) {
        var numbers = new ArrayList<CardNumber>();
        for (int i = 0; i < people; i++) {
            var person = fixtures.vaccinatedIn(PRAYAGRAJ, from.plusDays(i % days));
            numbers.add(cards.cardOf(person.id()).orElseThrow().number());
        }
        return numbers.stream().sorted().toList();
    }

    @Test
    void anAnnouncementFreezesAndPublishesTheListAndTheSeedsHashButNotTheSeed() {
        LocalDate from = LocalDate.of(2024, 1, 10);
        var expected = vaccinate(6, from, 3);

        LuckyDraw draw = announce(from, from.plusDays(2), 2);

        assertThat(draw.status()).isEqualTo(LuckyDraw.Status.ANNOUNCED);
        assertThat(draw.seedHex()).isNull();
        assertThat(draw.winners()).isEmpty();
        assertThat(draw.eligibleCount()).isEqualTo(6);
        assertThat(draws.eligibleList(draw.id())).isEqualTo(expected);
        assertThat(draw.listSha256()).isEqualTo(DrawAlgorithm.sha256(DrawAlgorithm.publishedList(expected)));
        assertThat(draw.seedSha256()).matches("[0-9a-f]{64}");

        // a card issued in the range afterwards (a late paper entry) does not change the frozen list
        fixtures.vaccinatedIn(PRAYAGRAJ, from);
        assertThat(draws.eligibleList(draw.id())).isEqualTo(expected);
    }

    @Test
    void theDrawRevealsTheSeedAndStoresTheWinnersTheAlgorithmGives() {
        LocalDate from = LocalDate.of(2024, 1, 20);
        var eligible = vaccinate(8, from, 2);
        LuckyDraw announced = announce(from, from.plusDays(1), 3);

        LuckyDraw drawn = draws.draw(announced.id(), prayagraj.scope(), prayagraj.id());

        assertThat(drawn.status()).isEqualTo(LuckyDraw.Status.DRAWN);
        assertThat(drawn.drawnAt()).isNotNull();
        byte[] seed = HexFormat.of().parseHex(drawn.seedHex());
        assertThat(DrawAlgorithm.sha256(seed)).isEqualTo(announced.seedSha256());
        assertThat(drawn.winners()).hasSize(3).doesNotHaveDuplicates().isSubsetOf(eligible)
                .isEqualTo(DrawAlgorithm.winners(eligible, seed, 3));
    }

    @Test
    void drawingAgainGivesTheSameResult() {
        LocalDate from = LocalDate.of(2024, 2, 1);
        vaccinate(5, from, 1);
        LuckyDraw announced = announce(from, from, 2);
        LuckyDraw first = draws.draw(announced.id(), prayagraj.scope(), prayagraj.id());

        LuckyDraw again = draws.draw(announced.id(), prayagraj.scope(), prayagraj.id());

        assertThat(again).isEqualTo(first);
    }

    @Test
    void concurrentDrawClicksGiveOneResult() throws Exception {
        LocalDate from = LocalDate.of(2024, 2, 10);
        vaccinate(30, from, 1);
        LuckyDraw announced = announce(from, from, 5);
        var start = new CountDownLatch(1);
        List<LuckyDraw> results = new ArrayList<>();
        try (var threads = Executors.newFixedThreadPool(8)) {
            List<Future<LuckyDraw>> clicks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                clicks.add(threads.submit(() -> {
                    start.await();
                    return draws.draw(announced.id(), prayagraj.scope(), prayagraj.id());
                }));
            }
            start.countDown();
            for (Future<LuckyDraw> click : clicks) {
                results.add(click.get());
            }
        }
        assertThat(results).allSatisfy(result -> assertThat(result).isEqualTo(results.getFirst()));
        assertThat(jdbc.sql("select count(*) from lucky_draw_winners where draw_id = ?").param(announced.id()).query(Integer.class).single())
                .isEqualTo(5);
    }

    @Test
    void refusesARangeThatIsNotOver() {
        LocalDate today = LocalDate.now(clock);
        assertRefused(() -> announce(today.minusDays(3), today, 1), "luckydraw.error.range-not-over");
        assertRefused(() -> announce(today.minusDays(3), today.plusDays(2), 1), "luckydraw.error.range-not-over");
    }

    @Test
    void refusesAReversedRange() {
        assertRefused(() -> announce(LocalDate.of(2024, 3, 5), LocalDate.of(2024, 3, 1), 1), "luckydraw.error.range-reversed");
    }

    @Test
    void refusesZeroWinnersAndTooMany() {
        assertRefused(() -> announce(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 5), 0), "luckydraw.error.no-winners");
        assertRefused(() -> announce(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 5), LuckyDraws.MAX_WINNERS + 1),
                "luckydraw.error.too-many-winners");
    }

    @Test
    void refusesMoreWinnersThanCardsNamingBoth() {
        LocalDate from = LocalDate.of(2024, 3, 10);
        vaccinate(2, from, 1);
        assertThatThrownBy(() -> announce(from, from, 3))
                .isInstanceOfSatisfying(LuckyDrawRefusedException.class, refused -> {
                    assertThat(refused.code()).isEqualTo("luckydraw.error.too-few-cards");
                    assertThat(refused.arguments()).containsExactly(2, 3);
                });
        assertThat(jdbc.sql("select count(*) from lucky_draws where from_date = ?").param(from).query(Integer.class).single()).isZero();
    }

    @Test
    void aDistrictAdminCannotAnnounceOrDrawInAnotherDistrict() {
        StaffPrincipal raipur = accounts.find("district.raipur").orElseThrow();
        assertThatThrownBy(() -> draws.announce(PRAYAGRAJ, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2), 1, raipur.scope(), raipur.id()))
                .isInstanceOf(OutOfScopeException.class);
        LocalDate from = LocalDate.of(2024, 3, 20);
        vaccinate(2, from, 1);
        LuckyDraw announced = announce(from, from, 1);
        assertThatThrownBy(() -> draws.draw(announced.id(), raipur.scope(), raipur.id())).isInstanceOf(OutOfScopeException.class);
        assertThat(draws.get(announced.id()).status()).isEqualTo(LuckyDraw.Status.ANNOUNCED);
        StaffPrincipal stateAdmin = accounts.find("state.up").orElseThrow();
        assertThatThrownBy(() -> draws.draw(announced.id(), stateAdmin.scope(), stateAdmin.id())).isInstanceOf(OutOfScopeException.class);
        assertThat(RAIPUR).isNotEqualTo(PRAYAGRAJ);
    }

    private LuckyDraw announce(LocalDate from, LocalDate to, int winners) {
        return draws.announce(PRAYAGRAJ, from, to, winners, prayagraj.scope(), prayagraj.id());
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(LuckyDrawRefusedException.class,
                refused -> assertThat(refused.code()).isEqualTo(code));
    }
}
