package org.teeka.smsc;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ConcatenationTests {

    private final Concatenation concatenation = new Concatenation();
    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void joinsPartsInWhateverOrderTheyCome() {
        assertThat(concatenation.add("teeka", part(7, 3, 2, "lo, "), "m2", now)).isEmpty();
        assertThat(concatenation.add("teeka", part(7, 3, 3, "world"), "m3", now)).isEmpty();

        var whole = concatenation.add("teeka", part(7, 3, 1, "Hel"), "m1", now);

        assertThat(whole).hasValueSatisfying(m -> {
            assertThat(m.text()).isEqualTo("Hello, world");
            assertThat(m.parts()).isEqualTo(3);
            assertThat(m.id()).isEqualTo("m1");
        });
    }

    @Test
    void countsAPartSentTwiceOnce() {
        concatenation.add("teeka", part(8, 2, 1, "a"), "m1", now);
        assertThat(concatenation.add("teeka", part(8, 2, 1, "a"), "m1b", now)).isEmpty();

        assertThat(concatenation.add("teeka", part(8, 2, 2, "b"), "m2", now)).hasValueSatisfying(m -> assertThat(m.text()).isEqualTo("ab"));
    }

    @Test
    void keepsMessagesOfDifferentRecipientsApart() {
        concatenation.add("teeka", part(9, 2, 1, "x"), "m1", now);

        var other = new SubmittedPart("9876500099", "TEEKAS", "y", 0, 9, 2, 2, null, null, null);

        assertThat(concatenation.add("teeka", other, "m2", now)).isEmpty();
    }

    @Test
    void decodesUcs2AndGsm7() {
        assertThat(SubmittedPart.decode(8, "टीका".getBytes(StandardCharsets.UTF_16BE), 0)).isEqualTo("टीका");
        assertThat(SubmittedPart.decode(0, new byte[]{0x00, 0x1B, 0x65}, 0)).isEqualTo("@€");
        assertThat(SubmittedPart.nationalNumber("919876543210")).isEqualTo("9876543210");
        assertThat(SubmittedPart.nationalNumber("+919876543210")).isEqualTo("9876543210");
    }

    private static SubmittedPart part(int reference, int total, int sequence, String text) {
        return new SubmittedPart("9876500001", "TEEKAS", text, 0, reference, total, sequence, "id-1", "1101", "1107");
    }
}
