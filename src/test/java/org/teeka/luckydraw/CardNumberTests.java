package org.teeka.luckydraw;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CardNumberTests {

    @Test
    void generatesTwelveDigitsEndingInAVerhoeffCheckDigit() {
        var random = new SplittableRandom(7);
        var seen = new HashSet<String>();
        for (int i = 0; i < 1000; i++) {
            CardNumber card = CardNumber.generate(random);
            assertThat(card.value()).matches("[1-9][0-9]{11}");
            assertThat(CardNumber.parse(card.value())).contains(card);
            seen.add(card.value());
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void printsInThreeGroupsOfFourAndReadsThemBack() {
        CardNumber card = CardNumber.generate(new SplittableRandom(1));
        assertThat(card.grouped()).matches("\\d{4} \\d{4} \\d{4}");
        assertThat(CardNumber.parse(card.grouped())).contains(card);
        assertThat(CardNumber.parse(card.value().substring(0, 4) + "-" + card.value().substring(4))).contains(card);
    }

    @Test
    void refusesEveryMistypedDigitAndEverySwapOfNeighbours() {
        CardNumber card = CardNumber.generate(new SplittableRandom(3));
        char[] digits = card.value().toCharArray();
        for (int i = 0; i < digits.length; i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d == digits[i]) {
                    continue;
                }
                char[] typo = digits.clone();
                typo[i] = d;
                assertThat(CardNumber.parse(new String(typo))).as("%s with digit %d as %s", card, i, d).isEmpty();
            }
            if (i + 1 < digits.length && digits[i] != digits[i + 1]) {
                char[] swapped = digits.clone();
                swapped[i] = digits[i + 1];
                swapped[i + 1] = digits[i];
                assertThat(CardNumber.parse(new String(swapped))).as("%s with digits %d and %d swapped", card, i, i + 1).isEmpty();
            }
        }
    }

    @Test
    void refusesWhatIsNotACardNumber() {
        assertThat(CardNumber.parse(null)).isEmpty();
        assertThat(CardNumber.parse("12345")).isEmpty();
        assertThat(CardNumber.parse("abcd efgh ijkl")).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> new CardNumber("000000000000"));
    }
}
