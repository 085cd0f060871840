package org.teeka.beneficiary;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A family member as a citizen enters them; the ID number's format is checked by {@link PhotoId}. */
public record NewBeneficiary(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Min(1900) @Max(2100) Integer birthYear,
        @NotNull Gender gender,
        @NotNull PhotoIdType idType,
        @NotBlank @Size(max = 30) String idNumber,
        @NotNull Integer districtId,
        @NotNull @Min(value = 110000, message = "{center.error.pincode}") @Max(value = 999999, message = "{center.error.pincode}") Integer pincode) {
}
