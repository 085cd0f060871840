package org.teeka.certificate;

import java.time.Instant;
import java.util.UUID;

/**
 * A certificate as issued: its signed credential, and its revocation if any.
 *
 * @param credential the signed credential exactly as issued (JSON)
 */
public record Certificate(String id, UUID beneficiaryId, UUID doseRecordId, int dose, CertificateContent.Kind kind, int stateId,
                          String credential, Instant issuedAt, Instant revokedAt, String revokedBy, String revocationReason) {

    public boolean revoked() {
        return revokedAt != null;
    }

    /** What the QR code of this certificate holds. */
    public String qrPayload() {
        return QrPayload.encode(credential);
    }
}
