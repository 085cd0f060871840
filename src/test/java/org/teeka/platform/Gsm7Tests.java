package org.teeka.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class Gsm7Tests {

    @Test
    void encodesLatinTextOneSeptetPerCharacter() {
        byte[] septets = Gsm7.encode("Teeka @ 10:30");

        assertThat(septets).hasSize(13);
        assertThat(septets[6]).isEqualTo((byte) 0x00);   // '@' is septet 0
        assertThat(Gsm7.decode(septets, 0, septets.length)).isEqualTo("Teeka @ 10:30");
    }

    @Test
    void encodesExtensionCharactersAsEscapePairs() {
        byte[] septets = Gsm7.encode("€5 [ok]");

        assertThat(septets).hasSize(10);
        assertThat(septets[0]).isEqualTo((byte) 0x1B);
        assertThat(septets[1]).isEqualTo((byte) 0x65);
        assertThat(Gsm7.decode(septets, 0, septets.length)).isEqualTo("€5 [ok]");
    }

    @Test
    void tellsTextItCannotHold() {
        assertThat(Gsm7.canEncode("Dose 2 at Prayagraj, 10:30. Code: 482913")).isTrue();
        assertThat(Gsm7.canEncode("टीका")).isFalse();
        assertThat(Gsm7.canEncode("naïve")).isFalse();
        assertThat(Gsm7.canEncode("\u001B")).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> Gsm7.encode("टीका")).withMessageContaining("index 0");
    }
}
