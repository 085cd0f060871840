package org.teeka.vaccination.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.PhotoIdType;

import java.util.UUID;

/** Someone registered and booked at the center: their details, an optional mobile, and today's session. */
record WalkInForm(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Min(1900) @Max(2100) Integer birthYear,
        @NotNull Gender gender,
        @NotNull PhotoIdType idType,
        @NotBlank @Size(max = 30) String idNumber,
        @NotNull @Min(value = 110000, message = "{center.error.pincode}") @Max(value = 999999, message = "{center.error.pincode}") Integer pincode,
        @Pattern(regexp = "[6-9][0-9]{9}", message = "{console.error.mobile}") String mobile,
        @NotNull UUID sessionId) {

    static WalkInForm empty(UUID sessionId) {
        return new WalkInForm(null, null, null, null, null, null, null, sessionId);
    }
}
