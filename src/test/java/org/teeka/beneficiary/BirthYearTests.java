package org.teeka.beneficiary;

import org.junit.jupiter.api.Test;

import java.time.Year;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BirthYearTests {

    private static final Year NOW = Year.of(2026);

    @Test
    void acceptsAYearWithinTheLast120Years() {
        assertThat(BirthYear.of(1980, NOW).value()).isEqualTo(1980);
    }

    @Test
    void acceptsTheCurrentYearAndTheYear120YearsAgo() {
        assertThat(BirthYear.of(2026, NOW).value()).isEqualTo(2026);
        assertThat(BirthYear.of(1906, NOW).value()).isEqualTo(1906);
    }

    @Test
    void rejectsAYearInTheFutureNamingTheRange() {
        var error = catchThrowableOfType(InvalidValueException.class, () -> BirthYear.of(2027, NOW));
        assertThat(error.code()).isEqualTo("beneficiary.error.birth-year-range");
        assertThat(error.arguments()).containsExactly("1906", "2026");
    }

    @Test
    void rejectsAYearMoreThan120YearsAgo() {
        assertThat(catchThrowableOfType(InvalidValueException.class, () -> BirthYear.of(1905, NOW)).code())
                .isEqualTo("beneficiary.error.birth-year-range");
    }

    @Test
    void requiresTheCurrentYear() {
        assertThatThrownBy(() -> BirthYear.of(1980, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("currentYear");
    }

    @Test
    void givesTheAgeReachedDuringAYear() {
        var born = BirthYear.of(1980, NOW);
        assertThat(born.ageIn(2026)).isEqualTo(46);
        assertThat(born.ageIn(1980)).isZero();
    }

    @Test
    void refusesTheAgeInAYearBeforeBirth() {
        assertThatThrownBy(() -> BirthYear.of(1980, NOW).ageIn(1979)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalsTheSameYear() {
        assertThat(BirthYear.of(1980, NOW)).isEqualTo(BirthYear.of(1980, Year.of(2030))).hasToString("1980");
    }
}
