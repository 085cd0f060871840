package org.teeka.center;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What staff enter for a center, checked field by field. Fees are keyed by vaccine code; a paid
 * center needs at least one, a free one none.
 */
public record CenterDetails(
        @NotBlank @Size(min = 2, max = 120) String name,
        @Size(max = 120) String nameHi,
        @NotBlank @Size(min = 2, max = 300) String address,
        @Size(max = 300) String addressHi,
        @NotBlank @Size(max = 80) String blockName,
        @Size(max = 80) String blockNameHi,
        @NotNull Integer districtId,
        @NotNull @Min(value = 110000, message = "{center.error.pincode}") @Max(value = 999999, message = "{center.error.pincode}") Integer pincode,
        @NotNull @DecimalMin("6.0") @DecimalMax("38.0") BigDecimal latitude,
        @NotNull @DecimalMin("68.0") @DecimalMax("98.0") BigDecimal longitude,
        @NotNull FeeType feeType,
        @NotNull @DateTimeFormat(pattern = "HH:mm") LocalTime opensAt,
        @NotNull @DateTimeFormat(pattern = "HH:mm") LocalTime closesAt,
        Map<String, BigDecimal> fees) {

    public CenterDetails {
        var given = new LinkedHashMap<String, BigDecimal>();
        if (fees != null) {
            fees.forEach((vaccine, fee) -> {
                if (vaccine != null && fee != null) {
                    given.put(vaccine, fee);
                }
            });
        }
        fees = java.util.Collections.unmodifiableMap(given);
    }

    public static CenterDetails of(Center center) {
        return new CenterDetails(center.name(), center.nameHi(), center.address(), center.addressHi(),
                center.blockName(), center.blockNameHi(), center.districtId(), center.pincode(),
                center.latitude(), center.longitude(), center.feeType(), center.opensAt(), center.closesAt(), center.fees());
    }

    public static CenterDetails blank(Integer districtId) {
        return new CenterDetails(null, null, null, null, null, null, districtId, null, null, null,
                FeeType.FREE, LocalTime.of(9, 0), LocalTime.of(17, 0), Map.of());
    }

    @AssertTrue(message = "{center.error.hours}")
    public boolean isOpenBeforeClosing() {
        return opensAt == null || closesAt == null || opensAt.isBefore(closesAt);
    }

    @AssertTrue(message = "{center.error.fee-required}")
    public boolean isFeeGivenWhenPaid() {
        return feeType != FeeType.PAID || !fees.isEmpty();
    }

    @AssertTrue(message = "{center.error.fee-range}")
    public boolean isFeeInRange() {
        return fees.values().stream().allMatch(fee -> fee.signum() > 0 && fee.compareTo(BigDecimal.valueOf(10_000)) <= 0);
    }
}
