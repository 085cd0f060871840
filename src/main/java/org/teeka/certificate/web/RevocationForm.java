package org.teeka.certificate.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.teeka.certificate.Certificates;

/** Why a certificate is revoked; required. */
public record RevocationForm(@NotBlank @Size(max = Certificates.MAX_REASON_LENGTH) String reason) {
}
