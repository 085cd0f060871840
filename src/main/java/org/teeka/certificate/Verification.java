package org.teeka.certificate;

/**
 * The answer to "is this certificate genuine?".
 *
 * @param content what the certificate says; present when it is valid or revoked
 * @param certificate the stored certificate; present when the platform knows it
 */
public record Verification(Outcome outcome, CertificateContent content, Certificate certificate) {

    public enum Outcome {
        /** Signed with this platform's key, unchanged, not revoked. */
        VALID,
        /** Genuine, but revoked by a state admin. */
        REVOKED,
        /** Signed with this platform's key once, but changed since. */
        TAMPERED,
        /** Signed with a key this platform does not hold. */
        UNKNOWN_KEY,
        /** Not a Teeka certificate at all. */
        MALFORMED,
        /** No certificate has the id asked for. */
        NOT_FOUND;

        public boolean genuine() {
            return this == VALID || this == REVOKED;
        }

        public String messageKey() {
            return "verify.outcome." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
