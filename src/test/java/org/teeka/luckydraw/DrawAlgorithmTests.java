package org.teeka.luckydraw;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DrawAlgorithmTests {

    private static final byte[] SEED = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    private static List<CardNumber> cards(int n) {
        var random = new SplittableRandom(42);
        return IntStream.range(0, n).mapToObj(i -> CardNumber.generate(random)).sorted().toList();
    }

    @Test
    void givesTheSameWinnersForTheSameListAndSeed() {
        var cards = cards(50);
        assertThat(DrawAlgorithm.winners(cards, SEED, 5)).isEqualTo(DrawAlgorithm.winners(cards, SEED, 5));
    }

    @Test
    void drawsDistinctCardsFromTheList() {
        var cards = cards(20);
        var winners = DrawAlgorithm.winners(cards, SEED, 20);
        assertThat(winners).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(cards);
    }

    @Test
    void aPrefixOfTheWinnersDoesNotDependOnHowManyAreDrawn() {
        var cards = cards(30);
        assertThat(DrawAlgorithm.winners(cards, SEED, 7)).startsWith(DrawAlgorithm.winners(cards, SEED, 3).toArray(CardNumber[]::new));
    }

    @Test
    void anotherSeedGivesOtherWinners() {
        var cards = cards(1000);
        byte[] other = SEED.clone();
        other[0] = 1;
        assertThat(DrawAlgorithm.winners(cards, SEED, 5)).isNotEqualTo(DrawAlgorithm.winners(cards, other, 5));
    }

    @Test
    void picksEachCardAboutEquallyOften() {
        // 3 cards, 30,000 single-winner draws under different seeds: each card wins close to 10,000 times
        var cards = cards(3);
        var wins = new HashMap<CardNumber, Integer>();
        var random = new SplittableRandom(9);
        for (int i = 0; i < 30_000; i++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            wins.merge(DrawAlgorithm.winners(cards, seed, 1).getFirst(), 1, Integer::sum);
        }
        assertThat(wins.values()).allSatisfy(count -> assertThat(count).isBetween(9_500, 10_500));
    }

    @Test
    void publishesTheListOneCardPerLine() {
        var cards = cards(2);
        assertThat(new String(DrawAlgorithm.publishedList(cards), StandardCharsets.US_ASCII))
                .isEqualTo(cards.get(0).value() + "\n" + cards.get(1).value() + "\n");
        assertThat(DrawAlgorithm.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void refusesMoreWinnersThanCardsOrNone() {
        assertThatIllegalArgumentException().isThrownBy(() -> DrawAlgorithm.winners(cards(2), SEED, 3));
        assertThatIllegalArgumentException().isThrownBy(() -> DrawAlgorithm.winners(cards(2), SEED, 0));
    }
}
