package org.teeka.beneficiary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SecurityCodeTests {

    @Test
    void generatesFourDigits() {
        var random = new Random(11);
        for (int i = 0; i < 1_000; i++) {
            assertThat(SecurityCode.generate(random).value()).matches("[0-9]{4}");
        }
    }

    @Test
    void keepsLeadingZeros() {
        RandomGenerator zeros = () -> 0L;
        assertThat(SecurityCode.generate(zeros).value()).isEqualTo("0000");
    }

    @Test
    void acceptsFourDigitsWithSurroundingSpaces() {
        assertThat(SecurityCode.of(" 0427 ").value()).isEqualTo("0427");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"123", "12345", "12a4", "12 34", "-123"})
    void rejectsAnythingButFourDigits(String input) {
        assertThat(catchThrowableOfType(InvalidValueException.class, () -> SecurityCode.of(input)).code())
                .isEqualTo("beneficiary.error.security-code-invalid");
    }

    @Test
    void doesNotShowTheCodeInItsText() {
        assertThat(SecurityCode.of("0427").toString()).doesNotContain("0427");
    }

    @Test
    void equalsTheSameCode() {
        assertThat(SecurityCode.of("0427")).isEqualTo(SecurityCode.of(" 0427"));
    }
}
