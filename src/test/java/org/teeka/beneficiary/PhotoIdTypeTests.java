package org.teeka.beneficiary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PhotoIdTypeTests {

    @Test
    void numbersTheTypesOneToSevenInCowinOrder() {
        assertThat(Arrays.stream(PhotoIdType.values()).mapToInt(PhotoIdType::id)).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(PhotoIdType.values()).containsExactly(PhotoIdType.AADHAAR, PhotoIdType.VOTER_ID, PhotoIdType.PASSPORT,
                PhotoIdType.DRIVING_LICENCE, PhotoIdType.PAN, PhotoIdType.NPR_SMART_CARD, PhotoIdType.PENSION_DOCUMENT);
    }

    @ParameterizedTest
    @EnumSource(PhotoIdType.class)
    void findsEachTypeByItsId(PhotoIdType type) {
        assertThat(PhotoIdType.ofId(type.id())).isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, -1})
    void rejectsAnUnknownId(int id) {
        var error = catchThrowableOfType(InvalidValueException.class, () -> PhotoIdType.ofId(id));
        assertThat(error.code()).isEqualTo("beneficiary.error.photo-id-type-unknown");
        assertThat(error.arguments()).containsExactly(id);
    }

    @Test
    void namesItsMessageKeys() {
        assertThat(PhotoIdType.AADHAAR.messageKey()).isEqualTo("beneficiary.id-type.aadhaar");
        assertThat(PhotoIdType.DRIVING_LICENCE.messageKey()).isEqualTo("beneficiary.id-type.driving-licence");
        assertThat(PhotoIdType.NPR_SMART_CARD.errorCode()).isEqualTo("beneficiary.error.npr-smart-card-invalid");
    }
}
