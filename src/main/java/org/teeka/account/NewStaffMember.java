package org.teeka.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A staff member as an admin enters them. Which of district and center are needed depends on the
 * role; {@link StaffAccounts#appoint} checks that and the appointer's scope.
 */
public record NewStaffMember(
        @NotBlank @Pattern(regexp = "[a-z0-9._-]{3,40}", message = "{staff.error.username-format}") String username,
        @NotBlank @Size(min = 2, max = 80) String displayName,
        @NotBlank @Size(min = 12, max = 200, message = "{staff.error.password-length}") String password,
        @NotNull Role role,
        Integer districtId,
        Integer centerId) {
}
