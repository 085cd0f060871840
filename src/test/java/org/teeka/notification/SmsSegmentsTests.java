package org.teeka.notification;

import org.junit.jupiter.api.Test;
import org.teeka.platform.Gsm7;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SmsSegmentsTests {

    @Test
    void sendsShortLatinTextAsOneGsm7Message() {
        var segments = SmsSegments.of("482913 is your Teeka sign-in code.", 7);

        assertThat(segments.dataCoding()).isEqualTo(SmsSegments.GSM7);
        assertThat(segments.parts()).hasSize(1);
        assertThat(segments.concatenated()).isFalse();
    }

    @Test
    void keeps160Gsm7CharactersInOneMessageAndSplits161Into153PerPart() {
        assertThat(SmsSegments.of("a".repeat(160), 1).parts()).hasSize(1);

        var segments = SmsSegments.of("a".repeat(161), 1);

        assertThat(segments.parts()).hasSize(2);
        assertThat(segments.parts().get(0)).hasSize(6 + 153);
        assertThat(segments.parts().get(1)).hasSize(6 + 8);
    }

    @Test
    void writesAConcatenationHeaderWithReferenceCountAndSequence() {
        var segments = SmsSegments.of("b".repeat(400), 0xAB);

        assertThat(segments.parts()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            byte[] part = segments.parts().get(i);
            assertThat(Arrays.copyOf(part, 6)).containsExactly(0x05, 0x00, 0x03, 0xAB, 3, i + 1);
        }
    }

    @Test
    void neverSplitsAnEscapePair() {
        // 152 plain characters, then '€' (two septets) would straddle the 153-septet boundary
        String text = "c".repeat(152) + "€" + "d".repeat(20);

        var segments = SmsSegments.of(text, 1);

        byte[] first = segments.parts().get(0);
        assertThat(first).hasSize(6 + 152);
        byte[] second = segments.parts().get(1);
        assertThat(second[6]).isEqualTo((byte) 0x1B);
        assertThat(Gsm7.decode(first, 6, first.length - 6) + Gsm7.decode(second, 6, second.length - 6)).isEqualTo(text);
    }

    @Test
    void sendsHindiAsUcs2With70CharactersInOneMessageAnd67PerPart() {
        String seventy = "टीका".repeat(17) + "टी";
        assertThat(seventy).hasSize(70);
        var single = SmsSegments.of(seventy, 1);
        assertThat(single.dataCoding()).isEqualTo(SmsSegments.UCS2);
        assertThat(single.parts()).singleElement().satisfies(p -> assertThat(p).hasSize(140));

        var split = SmsSegments.of(seventy + "क", 9);

        assertThat(split.parts()).hasSize(2);
        assertThat(split.parts().get(0)).hasSize(6 + 67 * 2);
        String joined = new String(Arrays.copyOfRange(split.parts().get(0), 6, split.parts().get(0).length), StandardCharsets.UTF_16BE)
                + new String(Arrays.copyOfRange(split.parts().get(1), 6, split.parts().get(1).length), StandardCharsets.UTF_16BE);
        assertThat(joined).isEqualTo(seventy + "क");
    }

    @Test
    void neverSplitsASurrogatePair() {
        String text = "क".repeat(66) + "😀" + "ख".repeat(10);

        var segments = SmsSegments.of(text, 1);

        assertThat(segments.parts().get(0)).hasSize(6 + 66 * 2);
    }

    @Test
    void refusesEmptyText() {
        assertThatIllegalArgumentException().isThrownBy(() -> SmsSegments.of("", 1));
    }
}
