package org.teeka.center;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What staff enter for a cold-chain point; an ILR must name its center. */
public record ColdChainPointDetails(
        @NotNull ColdChainPoint.Kind kind,
        @NotBlank @Size(min = 2, max = 120) String name,
        @NotNull Integer districtId,
        Integer centerId) {

    @AssertTrue(message = "{cold-chain.error.center-required}")
    public boolean isCenterGivenForIlr() {
        return kind != ColdChainPoint.Kind.ILR || centerId != null;
    }
}
