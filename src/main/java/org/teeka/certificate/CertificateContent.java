package org.teeka.certificate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a certificate says, as its credential carries it.
 *
 * @param gender a {@link org.teeka.beneficiary.Gender} name
 * @param photoIdType a {@link org.teeka.beneficiary.PhotoIdType} name
 * @param photoIdNumber masked: all but the last four characters hidden
 * @param cardNumber the lucky-draw card number; grouped for reading aloud; absent for a person without a card
 * @param doses the doses in force when it was issued, by dose number
 */
public record CertificateContent(String certificateId, Kind kind, String issuerName, Instant issuedAt, String name, int birthYear,
                                 String gender, String photoIdType, String photoIdNumber, String referenceId, String cardNumber,
                                 List<Dose> doses) {

    public enum Kind {
        /** After a dose that is not the vaccine's last. */
        PROVISIONAL,
        /** After the vaccine's last dose. */
        FINAL;

        public String messageKey() {
            return "certificate.kind." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One dose as the credential's evidence records it; names are in English. */
    public record Dose(int dose, int totalDoses, String vaccineCode, String vaccine, LocalDate date, Integer centerId, String center,
                       String district, String state) {
    }

    public Dose lastDose() {
        return doses.getLast();
    }
}
