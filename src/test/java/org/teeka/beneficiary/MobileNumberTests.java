package org.teeka.beneficiary;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MobileNumberTests {

    @ParameterizedTest
    @ValueSource(strings = {"9876543210", " 98765 43210 ", "98765-43210", "+91 98765 43210", "+91-9876543210",
            "919876543210", "09876543210", "0 98765-43210"})
    void acceptsTenDigitsWithSpacesDashesAndACountryOrTrunkPrefix(String input) {
        assertThat(MobileNumber.of(input).value()).isEqualTo("9876543210");
    }

    @ParameterizedTest
    @ValueSource(strings = {"6000000000", "7123456789", "8123456789", "9123456789"})
    void acceptsEachAllowedFirstDigit(String input) {
        assertThat(MobileNumber.of(input).value()).isEqualTo(input);
    }

    @Test
    void keepsATenDigitNumberThatItselfStartsWith91() {
        assertThat(MobileNumber.of("9112345678").value()).isEqualTo("9112345678");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "5876543210", "0876543210", "987654321", "98765432101", "98765x3210",
            "+1 9876543210", "+9198765432", "0919876543210", "९८७६५४३२१०"})
    void rejectsAnythingElse(String input) {
        assertThatThrownBy(() -> MobileNumber.of(input))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.code()).isEqualTo("beneficiary.error.mobile-invalid"));
    }

    @Test
    void cannotBeConstructedUnnormalised() {
        assertThatThrownBy(() -> new MobileNumber("+919876543210")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void givesTheLastFourDigits() {
        assertThat(MobileNumber.of("9876543210").last4()).isEqualTo("3210");
    }

    @Test
    void masksAllButTheLastFourDigits() {
        assertThat(MobileNumber.of("9876543210").masked()).isEqualTo("XXXXXX3210");
    }

    @Test
    void showsOnlyTheMaskedNumberInItsText() {
        assertThat(MobileNumber.of("9876543210").toString()).isEqualTo("XXXXXX3210").doesNotContain("987654");
    }

    @Test
    void equalsTheSameNumberHoweverItWasTyped() {
        assertThat(MobileNumber.of("+91 98765 43210")).isEqualTo(MobileNumber.of("09876543210"));
    }

    @Test
    void doesNotPutTheInputIntoTheErrorMessage() {
        assertThatThrownBy(() -> MobileNumber.of("5876543210")).message().doesNotContain("5876543210");
    }
}
