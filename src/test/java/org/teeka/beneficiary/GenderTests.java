package org.teeka.beneficiary;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GenderTests {

    @Test
    void carriesCowinIds() {
        assertThat(Gender.MALE.id()).isEqualTo(1);
        assertThat(Gender.FEMALE.id()).isEqualTo(2);
        assertThat(Gender.OTHER.id()).isEqualTo(3);
    }

    @Test
    void findsEachGenderByItsId() {
        for (Gender gender : Gender.values()) {
            assertThat(Gender.ofId(gender.id())).isEqualTo(gender);
        }
    }

    @Test
    void rejectsAnUnknownId() {
        assertThat(catchThrowableOfType(InvalidValueException.class, () -> Gender.ofId(4)).code())
                .isEqualTo("beneficiary.error.gender-unknown");
    }

    @Test
    void namesItsMessageKeys() {
        assertThat(Gender.values()).extracting(Gender::messageKey)
                .containsExactly("beneficiary.gender.male", "beneficiary.gender.female", "beneficiary.gender.other");
    }
}
