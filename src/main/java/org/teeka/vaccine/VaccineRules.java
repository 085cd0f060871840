package org.teeka.vaccine;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The editable rules of a vaccine, as a state admin submits them. */
public record VaccineRules(
        @NotNull @Min(1) @Max(5) Integer doses,
        @Min(1) @Max(365) Integer minIntervalDays,
        @Min(1) @Max(365) Integer maxIntervalDays,
        @NotNull @Min(0) @Max(120) Integer minAge,
        @Min(0) @Max(120) Integer maxAge) {

    public static VaccineRules of(Vaccine vaccine) {
        return new VaccineRules(vaccine.doses(), vaccine.minIntervalDays(), vaccine.maxIntervalDays(),
                vaccine.minAge(), vaccine.maxAge());
    }

    @AssertTrue(message = "{vaccine.error.interval-required}")
    public boolean isIntervalGivenForSeveralDoses() {
        return doses == null || doses == 1 || minIntervalDays != null;
    }

    @AssertTrue(message = "{vaccine.error.interval-order}")
    public boolean isIntervalInOrder() {
        return minIntervalDays == null || maxIntervalDays == null || maxIntervalDays >= minIntervalDays;
    }

    @AssertTrue(message = "{vaccine.error.age-order}")
    public boolean isAgeBandInOrder() {
        return minAge == null || maxAge == null || maxAge >= minAge;
    }
}
