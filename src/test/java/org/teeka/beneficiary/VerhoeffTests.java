package org.teeka.beneficiary;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerhoeffTests {

    @Test
    void computesThePublishedCheckDigits() {
        assertThat(Verhoeff.checkDigit("236")).isEqualTo(3);
        assertThat(Verhoeff.checkDigit("12345")).isEqualTo(1);
        assertThat(Verhoeff.checkDigit("12345678901")).isZero();
    }

    @Test
    void acceptsDigitsEndingInTheirCheckDigit() {
        assertThat(Verhoeff.isValid("2363")).isTrue();
        assertThat(Verhoeff.isValid("123451")).isTrue();
    }

    @Test
    void rejectsDigitsEndingInAnyOtherDigit() {
        for (char wrong = '0'; wrong <= '9'; wrong++) {
            if (wrong != '3') {
                assertThat(Verhoeff.isValid("236" + wrong)).as("236%s", wrong).isFalse();
            }
        }
    }

    @Test
    void catchesEverySingleDigitSubstitution() {
        for (String valid : AadhaarNumbers.SAMPLES) {
            for (int position = 0; position < valid.length(); position++) {
                for (char digit = '0'; digit <= '9'; digit++) {
                    if (digit != valid.charAt(position)) {
                        String mistyped = AadhaarNumbers.replace(valid, position, digit);
                        assertThat(Verhoeff.isValid(mistyped)).as(mistyped).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void catchesEveryTranspositionOfAdjacentDigits() {
        for (String valid : AadhaarNumbers.SAMPLES) {
            for (int position = 0; position + 1 < valid.length(); position++) {
                if (valid.charAt(position) != valid.charAt(position + 1)) {
                    String swapped = AadhaarNumbers.swap(valid, position);
                    assertThat(Verhoeff.isValid(swapped)).as(swapped).isFalse();
                }
            }
        }
    }
}
