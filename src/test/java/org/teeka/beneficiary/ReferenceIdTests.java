package org.teeka.beneficiary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Random;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ReferenceIdTests {

    /** 1234567890123 followed by its Luhn check digit. */
    private static final String VALID = "12345678901237";

    @Test
    void computesThePublishedLuhnCheckDigit() {
        assertThat(Luhn.checkDigit("7992739871")).isEqualTo(3);
        assertThat(Luhn.isValid("79927398713")).isTrue();
        assertThat(Luhn.checkDigit("1234567890123")).isEqualTo(7);
    }

    @Test
    void generatesFourteenDigitsEndingInTheirLuhnCheckDigit() {
        var random = new Random(42);
        for (int i = 0; i < 1_000; i++) {
            String value = ReferenceId.generate(random).value();
            assertThat(value).matches("[1-9][0-9]{13}");
            assertThat(value.charAt(13) - '0').isEqualTo(Luhn.checkDigit(value.substring(0, 13)));
        }
    }

    @Test
    void neverGeneratesALeadingZeroEvenFromASourceOfZeros() {
        RandomGenerator zeros = () -> 0L;
        assertThat(ReferenceId.generate(zeros).value()).doesNotStartWith("0").hasSize(14);
    }

    @Test
    void generatesTheSameIdsFromTheSameSeed() {
        assertThat(ReferenceId.generate(new Random(7))).isEqualTo(ReferenceId.generate(new Random(7)));
    }

    @Test
    void generatesDistinctIds() {
        var random = new Random(1);
        var seen = new HashSet<ReferenceId>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(ReferenceId.generate(random));
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void acceptsAGeneratedId() {
        var generated = ReferenceId.generate(new Random(3));
        assertThat(ReferenceId.of(generated.value())).isEqualTo(generated);
    }

    @Test
    void acceptsAnIdTypedWithSpacesAndDashes() {
        assertThat(ReferenceId.of(" 1234 5678-9012 37 ").value()).isEqualTo(VALID);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1234567890123", "123456789012370", "02345678901237", "1234567890123A", "12345678901238"})
    void rejectsAnIdOfTheWrongShapeOrCheckDigit(String input) {
        assertThat(catchThrowableOfType(InvalidValueException.class, () -> ReferenceId.of(input)).code())
                .isEqualTo("beneficiary.error.reference-id-invalid");
    }

    @Test
    void rejectsEverySingleDigitMistake() {
        for (int position = 0; position < VALID.length(); position++) {
            for (char digit = '0'; digit <= '9'; digit++) {
                if (digit != VALID.charAt(position)) {
                    String mistyped = VALID.substring(0, position) + digit + VALID.substring(position + 1);
                    assertThat(catchThrowableOfType(InvalidValueException.class, () -> ReferenceId.of(mistyped)))
                            .as(mistyped).isNotNull();
                }
            }
        }
    }

    @Test
    void showsItsDigitsAsText() {
        assertThat(ReferenceId.of(VALID)).hasToString(VALID);
    }
}
