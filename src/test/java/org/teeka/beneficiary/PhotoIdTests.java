package org.teeka.beneficiary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PhotoIdTests {

    private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    void acceptsAValidAadhaarNumber() {
        assertThat(PhotoId.of(PhotoIdType.AADHAAR, AadhaarNumbers.VALID).number()).isEqualTo("234567890124");
    }

    @Test
    void acceptsAadhaarNumbersWithEveryAllowedFirstDigit() {
        for (char first = '2'; first <= '9'; first++) {
            String number = AadhaarNumbers.withCheckDigit(first + "0000000000");
            assertThat(PhotoId.of(PhotoIdType.AADHAAR, number).number()).isEqualTo(number);
        }
    }

    @Test
    void acceptsAnAadhaarNumberTypedInGroupsOfFour() {
        assertThat(PhotoId.of(PhotoIdType.AADHAAR, " 2345 6789-0124 ").number()).isEqualTo("234567890124");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "23456789012", "2345678901245", "23456789012A", "134567890124", "034567890124"})
    void rejectsAnAadhaarNumberOfTheWrongShape(String number) {
        assertThat(codeOf(() -> PhotoId.of(PhotoIdType.AADHAAR, number))).isEqualTo("beneficiary.error.aadhaar-invalid");
    }

    @Test
    void rejectsAnAadhaarNumberWithTheWrongCheckDigit() {
        assertThat(codeOf(() -> PhotoId.of(PhotoIdType.AADHAAR, "234567890125"))).isEqualTo("beneficiary.error.aadhaar-checksum");
    }

    @Test
    void rejectsEverySingleDigitSubstitutionInAnAadhaarNumber() {
        for (String valid : AadhaarNumbers.SAMPLES) {
            for (int position = 0; position < valid.length(); position++) {
                for (char digit = '0'; digit <= '9'; digit++) {
                    if (digit != valid.charAt(position)) {
                        String mistyped = AadhaarNumbers.replace(valid, position, digit);
                        String expected = position == 0 && digit < '2' ? "beneficiary.error.aadhaar-invalid" : "beneficiary.error.aadhaar-checksum";
                        assertThat(codeOf(() -> PhotoId.of(PhotoIdType.AADHAAR, mistyped))).as(mistyped).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void rejectsEveryTranspositionOfAdjacentDigitsInAnAadhaarNumber() {
        for (String valid : AadhaarNumbers.SAMPLES) {
            for (int position = 0; position + 1 < valid.length(); position++) {
                if (valid.charAt(position) != valid.charAt(position + 1)) {
                    String swapped = AadhaarNumbers.swap(valid, position);
                    assertThatThrownBy(() -> PhotoId.of(PhotoIdType.AADHAAR, swapped)).as(swapped).isInstanceOf(InvalidValueException.class);
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
            "VOTER_ID, abc1234567, ABC1234567",
            "VOTER_ID, ' ABC 123-4567 ', ABC1234567",
            "PASSPORT, k1234567, K1234567",
            "PASSPORT, K 123 4567, K1234567",
            "PAN, abcde1234f, ABCDE1234F",
            "PAN, ABCDE 1234 F, ABCDE1234F",
            "DRIVING_LICENCE, MH-12 2011 0012345, MH1220110012345",
            "DRIVING_LICENCE, dl0420110012345, DL0420110012345",
            "DRIVING_LICENCE, HR26 20110012345, HR2620110012345",
            "DRIVING_LICENCE, KA0119990001234, KA0119990001234",
            "DRIVING_LICENCE, UP14 2012 00123, UP14201200123",
            "DRIVING_LICENCE, TN01X2015001234, TN01X2015001234",
            "NPR_SMART_CARD, npr-123, NPR123",
            "NPR_SMART_CARD, 12345678901234567890, 12345678901234567890",
            "PENSION_DOCUMENT, PPO 123456, PPO123456",
            "PENSION_DOCUMENT, 123456, 123456"
    })
    void normalisesAndAcceptsAValidNumberOfEachOtherType(PhotoIdType type, String typed, String normalised) {
        assertThat(PhotoId.of(type, typed).number()).isEqualTo(normalised);
    }

    @ParameterizedTest
    @CsvSource({
            "VOTER_ID, AB12345678",
            "VOTER_ID, ABC123456",
            "VOTER_ID, ABC12345678",
            "VOTER_ID, ABCD123456",
            "VOTER_ID, ABC123456X",
            "PASSPORT, 12345678",
            "PASSPORT, K123456",
            "PASSPORT, K12345678",
            "PASSPORT, KL123456",
            "PAN, ABCD12345F",
            "PAN, ABCDE12345",
            "PAN, ABCDE123F",
            "PAN, ABCDEF1234F",
            "PAN, 12345ABCDE",
            "DRIVING_LICENCE, 1220110012345",
            "DRIVING_LICENCE, M12201100123456",
            "DRIVING_LICENCE, MH1220110012",
            "DRIVING_LICENCE, MH12201100123456789",
            "DRIVING_LICENCE, MH12/2011/0012345",
            "NPR_SMART_CARD, 12345",
            "NPR_SMART_CARD, 123456789012345678901",
            "NPR_SMART_CARD, 1234.56",
            "PENSION_DOCUMENT, 12345",
            "PENSION_DOCUMENT, 123456789012345678901",
            "PENSION_DOCUMENT, PPO#123456"
    })
    void rejectsANumberOfTheWrongShapeNamingItsType(PhotoIdType type, String number) {
        assertThat(codeOf(() -> PhotoId.of(type, number))).isEqualTo(type.errorCode());
    }

    @Test
    void rejectsAMissingNumberNamingItsType() {
        assertThat(codeOf(() -> PhotoId.of(PhotoIdType.PAN, null))).isEqualTo("beneficiary.error.pan-invalid");
    }

    @Test
    void rejectsAMissingType() {
        assertThat(codeOf(() -> PhotoId.of(null, "ABCDE1234F"))).isEqualTo("beneficiary.error.photo-id-type-required");
    }

    @Test
    void cannotBeConstructedUnnormalised() {
        assertThatThrownBy(() -> new PhotoId(PhotoIdType.PAN, "abcde1234f")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void givesTheLastFourCharacters() {
        assertThat(PhotoId.of(PhotoIdType.AADHAAR, AadhaarNumbers.VALID).last4()).isEqualTo("0124");
        assertThat(PhotoId.of(PhotoIdType.PAN, "ABCDE1234F").last4()).isEqualTo("234F");
    }

    @Test
    void masksAllButTheLastFourCharacters() {
        assertThat(PhotoId.of(PhotoIdType.AADHAAR, AadhaarNumbers.VALID).masked()).isEqualTo("XXXXXXXX0124");
        assertThat(PhotoId.of(PhotoIdType.PASSPORT, "K1234567").masked()).isEqualTo("XXXX4567");
        assertThat(PhotoId.of(PhotoIdType.NPR_SMART_CARD, "123456").masked()).isEqualTo("XX3456");
    }

    @Test
    void showsOnlyTheTypeAndMaskedNumberInItsText() {
        var aadhaar = PhotoId.of(PhotoIdType.AADHAAR, AadhaarNumbers.VALID);
        assertThat(aadhaar.toString()).isEqualTo("AADHAAR XXXXXXXX0124").doesNotContain("23456789");
        assertThat("registered " + aadhaar).doesNotContain(AadhaarNumbers.VALID);
    }

    @Test
    void doesNotPutTheNumberIntoTheErrorMessage() {
        var error = catchThrowableOfType(InvalidValueException.class, () -> PhotoId.of(PhotoIdType.AADHAAR, "234567890125"));
        assertThat(error.getMessage()).doesNotContain("234567890125");
        assertThat(error.arguments()).isEmpty();
    }

    @Test
    void hashesTypeAndNumberWithHmacSha256() {
        // Expected value from: printf 'PAN:ABCDE1234F' | openssl dgst -sha256 -mac HMAC -macopt hexkey:0001…1f
        assertThat(PhotoId.of(PhotoIdType.PAN, "ABCDE1234F").keyedHash(KEY))
                .isEqualTo("f3c56b960897614d3ed7b2d5f07b7fbe8af314afa3d87d027dcdb74b7d836e06");
    }

    @Test
    void givesTheSameHashForTheSameIdHoweverItWasTyped() {
        assertThat(PhotoId.of(PhotoIdType.AADHAAR, "2345 6789 0124").keyedHash(KEY))
                .isEqualTo(PhotoId.of(PhotoIdType.AADHAAR, "234567890124").keyedHash(KEY));
    }

    @Test
    void givesDifferentHashesForTheSameNumberUnderDifferentTypes() {
        assertThat(PhotoId.of(PhotoIdType.NPR_SMART_CARD, "ABC123456").keyedHash(KEY))
                .isNotEqualTo(PhotoId.of(PhotoIdType.PENSION_DOCUMENT, "ABC123456").keyedHash(KEY));
    }

    @Test
    void givesDifferentHashesUnderDifferentKeys() {
        byte[] otherKey = KEY.clone();
        otherKey[0] = 1;
        var id = PhotoId.of(PhotoIdType.AADHAAR, AadhaarNumbers.VALID);
        assertThat(id.keyedHash(otherKey)).isNotEqualTo(id.keyedHash(KEY));
    }

    @Test
    void hashDoesNotContainTheNumber() {
        assertThat(PhotoId.of(PhotoIdType.AADHAAR, AadhaarNumbers.VALID).keyedHash(KEY))
                .hasSize(64).matches("[0-9a-f]{64}").doesNotContain(AadhaarNumbers.VALID);
    }

    @Test
    void refusesAShortOrMissingKey() {
        var id = PhotoId.of(PhotoIdType.PAN, "ABCDE1234F");
        assertThatThrownBy(() -> id.keyedHash(new byte[31])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> id.keyedHash(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
    }

    private static String codeOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return catchThrowableOfType(InvalidValueException.class, call).code();
    }
}
