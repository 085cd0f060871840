package org.teeka.certificate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.teeka.account.StaffScope;
import org.teeka.account.Permission;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.center.Center;
import org.teeka.center.Centers;
import org.teeka.geo.District;
import org.teeka.geo.Geography;
import org.teeka.geo.State;
import org.teeka.platform.NotFoundException;
import org.teeka.platform.OutOfScopeException;
import org.teeka.platform.TeekaException;
import org.teeka.vaccination.DoseAdministered;
import org.teeka.vaccination.DoseCorrected;
import org.teeka.vaccination.DoseRecord;
import org.teeka.vaccination.DoseRecords;
import org.teeka.vaccine.Vaccine;
import org.teeka.vaccine.VaccineCatalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.teeka.luckydraw.LuckyDrawCards;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Issues a certificate for each recorded dose, finds, verifies and revokes certificates. */
@Service
public class Certificates {

    private static final Logger log = LoggerFactory.getLogger(Certificates.class);
    private static final String COLUMNS = "id, beneficiary_id, dose_record_id, dose, kind, state_id, credential, issued_at, "
            + "revoked_at, revoked_by, revocation_reason";
    public static final int MAX_REASON_LENGTH = 500;
    /**
     * {@code revoked_by} of a certificate revoked by the system, not by a staff member: the dose
     * record it was issued for was corrected (its correction gets a new certificate).
     */
    public static final String REVOKED_BY_CORRECTION = "system:correction";
    /** {@code revocation_reason} of a certificate revoked because its dose record was corrected. */
    public static final String REASON_CORRECTED = "corrected";

    private final JdbcClient jdbc;
    private final Credentials credentials;
    private final CertificateSettings settings;
    private final Beneficiaries beneficiaries;
    private final DoseRecords doseRecords;
    private final VaccineCatalog vaccines;
    private final Centers centers;
    private final Geography geography;
    private final LuckyDrawCards cards;
    private final Clock clock;

    Certificates(JdbcClient jdbc, Credentials credentials, CertificateSettings settings, Beneficiaries beneficiaries,
                 DoseRecords doseRecords, VaccineCatalog vaccines, Centers centers, Geography geography, LuckyDrawCards cards,
                 Clock clock) {
        this.jdbc = jdbc;
        this.credentials = credentials;
        this.settings = settings;
        this.beneficiaries = beneficiaries;
        this.doseRecords = doseRecords;
        this.vaccines = vaccines;
        this.centers = centers;
        this.geography = geography;
        this.cards = cards;
        this.clock = clock;
    }

    /**
     * After the dose's transaction commits, in a transaction of its own. The event publication
     * registry keeps the event until this completes, so a crash before then issues the
     * certificate on restart; a dose is never refused or rolled back because its certificate failed.
     */
    @ApplicationModuleListener
    void on(DoseAdministered event) {
        issue(event);
    }

    /**
     * After the correction's transaction commits, in a transaction of its own (kept in the event
     * publication registry until done, like {@link DoseAdministered}): the original record's
     * certificate is revoked as "corrected" by the system and the correction gets its own
     * certificate. Both steps are idempotent, so a redelivered event changes nothing.
     */
    @ApplicationModuleListener
    void on(DoseCorrected event) {
        corrected(event);
    }

    /**
     * Revokes the corrected record's certificate (if it had one and it is not revoked yet) and
     * issues the correction's.
     *
     * @return the correction's certificate; empty if the correction itself is no longer in force
     */
    @Transactional
    public Optional<Certificate> corrected(DoseCorrected event) {
        int revoked = jdbc.sql("""
                        update certificates set revoked_at = ?, revoked_by = ?, revocation_reason = ?
                        where dose_record_id = ? and revoked_at is null""")
                .params(java.sql.Timestamp.from(clock.instant()), REVOKED_BY_CORRECTION, REASON_CORRECTED, event.originalId())
                .update();
        if (revoked > 0) {
            log.info("Certificate of dose record {} revoked: the record was corrected by {}", event.originalId(), event.correctionId());
        }
        return issue(new DoseAdministered(event.correctionId(), event.beneficiaryId(), event.dose(), event.vaccineCode(),
                event.givenOn(), event.centerId()));
    }

    /**
     * The certificate for the dose: provisional after a dose that is not the vaccine's last, final
     * after the last. Idempotent: a dose record has one certificate, however often this runs, and
     * concurrently too (the database's unique index decides).
     *
     * @return the dose record's certificate; empty when the record is no longer in force (it was corrected)
     */
    @Transactional
    public Optional<Certificate> issue(DoseAdministered event) {
        Optional<Certificate> existing = ofDoseRecord(event.doseRecordId());
        if (existing.isPresent()) {
            return existing;
        }
        Beneficiary person = beneficiaries.find(event.beneficiaryId())
                .orElseThrow(() -> new IllegalStateException("no beneficiary " + event.beneficiaryId() + " for dose record " + event.doseRecordId()));
        List<DoseRecord> doses = doseRecords.of(person.id()).stream().filter(d -> d.dose() <= event.dose()).toList();
        if (doses.stream().noneMatch(d -> d.id().equals(event.doseRecordId()))) {
            log.info("Dose record {} is no longer in force; its correction gets the certificate", event.doseRecordId());
            return Optional.empty();
        }
        Vaccine vaccine = vaccine(event.vaccineCode());
        CertificateContent.Kind kind = event.dose() >= vaccine.doses() ? CertificateContent.Kind.FINAL : CertificateContent.Kind.PROVISIONAL;
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String id = CertificateId.next();
        var evidence = doses.stream().map(dose -> evidence(dose, person)).toList();
        var content = new CertificateContent(id, kind, settings.issuerName(), issuedAt, person.name(), person.birthYear(),
                person.gender().name(), person.idType().name(), person.maskedId(), person.referenceId(),
                cards.cardOf(person.id()).map(card -> card.number().grouped()).orElse(null), evidence);
        String credential = credentials.issue(content, settings.issuerId());
        int stateId = stateOf(event.centerId(), person);
        jdbc.sql("""
                        insert into certificates (id, beneficiary_id, dose_record_id, dose, kind, state_id, credential, issued_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (dose_record_id) do nothing""")
                .params(id, person.id(), event.doseRecordId(), event.dose(), kind.name(), stateId, credential,
                        java.sql.Timestamp.from(issuedAt))
                .update();
        return ofDoseRecord(event.doseRecordId());
    }

    public Optional<Certificate> find(String id) {
        return CertificateId.normalise(id).flatMap(normalised ->
                jdbc.sql("select " + COLUMNS + " from certificates where id = ?").param(normalised).query(Certificates::certificate).optional());
    }

    public Optional<Certificate> ofDoseRecord(UUID doseRecordId) {
        return jdbc.sql("select " + COLUMNS + " from certificates where dose_record_id = ?").param(doseRecordId)
                .query(Certificates::certificate).optional();
    }

    /** The beneficiary's current certificate: the one of their latest dose (of its correction, when it was corrected in the same second), unless it was revoked. */
    public Optional<Certificate> currentOf(UUID beneficiaryId) {
        return jdbc.sql("""
                        select %s from certificates where beneficiary_id = ?
                        order by dose desc, revoked_at is null desc, issued_at desc limit 1""".formatted(COLUMNS))
                .param(beneficiaryId).query(Certificates::certificate).optional().filter(c -> !c.revoked());
    }

    /** What the certificate says, from its stored credential. */
    public CertificateContent content(Certificate certificate) {
        var checked = credentials.check(certificate.credential());
        if (checked.content() == null) {
            throw new IllegalStateException("the stored credential of " + certificate.id() + " does not check: " + checked.check());
        }
        return checked.content();
    }

    /** Verifies what a QR code holds. */
    public Verification verifyPayload(String payload) {
        String json;
        try {
            json = QrPayload.decode(payload);
        } catch (IllegalArgumentException e) {
            return new Verification(Verification.Outcome.MALFORMED, null, null);
        }
        var checked = credentials.check(json);
        return switch (checked.check()) {
            case VALID -> {
                Optional<Certificate> stored = find(checked.content().certificateId());
                boolean revoked = stored.map(Certificate::revoked).orElse(false);
                yield new Verification(revoked ? Verification.Outcome.REVOKED : Verification.Outcome.VALID, checked.content(), stored.orElse(null));
            }
            case TAMPERED -> new Verification(Verification.Outcome.TAMPERED, null, null);
            case UNKNOWN_KEY -> new Verification(Verification.Outcome.UNKNOWN_KEY, null, null);
            case MALFORMED -> new Verification(Verification.Outcome.MALFORMED, null, null);
        };
    }

    /** Verifies a certificate by its id, as printed. */
    public Verification verifyId(String id) {
        Optional<Certificate> stored = find(id);
        if (stored.isEmpty()) {
            return new Verification(Verification.Outcome.NOT_FOUND, null, null);
        }
        Certificate certificate = stored.get();
        var checked = credentials.check(certificate.credential());
        if (checked.check() != Credentials.Check.VALID) {
            // a stored credential that no longer checks was changed in the database, or signed with a retired key
            return new Verification(checked.check() == Credentials.Check.UNKNOWN_KEY ? Verification.Outcome.UNKNOWN_KEY
                    : Verification.Outcome.TAMPERED, null, certificate);
        }
        return new Verification(certificate.revoked() ? Verification.Outcome.REVOKED : Verification.Outcome.VALID, checked.content(),
                certificate);
    }

    /**
     * Revokes the certificate, once: the first revocation stands (with who and why), a second is
     * refused. Only a state admin of the certificate's state may.
     */
    @Transactional
    public Certificate revoke(String id, String reason, StaffScope scope, String staffUsername) {
        scope.require(Permission.REVOKE_CERTIFICATES);
        Certificate certificate = find(id).orElseThrow(CertificateNotFoundException::new);
        if (certificate.stateId() != scope.stateId()) {
            throw new OutOfScopeException();
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON_LENGTH) {
            throw new RevocationRefusedException(HttpStatus.BAD_REQUEST, "certificate.error.reason-required", MAX_REASON_LENGTH);
        }
        int changed = jdbc.sql("""
                        update certificates set revoked_at = ?, revoked_by = ?, revocation_reason = ?
                        where id = ? and revoked_at is null""")
                .params(java.sql.Timestamp.from(clock.instant()), staffUsername, why, certificate.id()).update();
        if (changed == 0) {
            throw new RevocationRefusedException(HttpStatus.CONFLICT, "certificate.error.already-revoked");
        }
        log.info("Certificate {} revoked by {}: {}", certificate.id(), staffUsername, why);
        return find(certificate.id()).orElseThrow();
    }

    private CertificateContent.Dose evidence(DoseRecord dose, Beneficiary person) {
        Vaccine vaccine = vaccine(dose.vaccineCode());
        Optional<Center> center = dose.centerId() == null ? Optional.empty() : centers.find(dose.centerId());
        int districtId = center.map(Center::districtId).orElse(person.districtId());
        Optional<District> district = geography.district(districtId);
        Optional<State> state = district.flatMap(d -> geography.state(d.stateId()));
        return new CertificateContent.Dose(dose.dose(), vaccine.doses(), vaccine.code(), vaccine.name(), dose.givenOn(), dose.centerId(),
                center.map(Center::name).orElse(""), district.map(District::name).orElse(""), state.map(State::name).orElse(""));
    }

    private int stateOf(Integer centerId, Beneficiary person) {
        if (centerId != null) {
            Optional<Center> center = centers.find(centerId);
            if (center.isPresent()) {
                return center.get().stateId();
            }
        }
        return geography.district(person.districtId()).map(District::stateId)
                .orElseThrow(() -> new IllegalStateException("no district " + person.districtId()));
    }

    private Vaccine vaccine(String code) {
        return vaccines.find(code).orElseThrow(() -> new IllegalStateException("no vaccine " + code + " in the catalogue"));
    }

    private static Certificate certificate(ResultSet rs, int row) throws SQLException {
        return new Certificate(rs.getString("id"), rs.getObject("beneficiary_id", UUID.class), rs.getObject("dose_record_id", UUID.class),
                rs.getInt("dose"), CertificateContent.Kind.valueOf(rs.getString("kind")), rs.getInt("state_id"), rs.getString("credential"),
                rs.getTimestamp("issued_at").toInstant(),
                rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant(),
                rs.getString("revoked_by"), rs.getString("revocation_reason"));
    }

    /** No certificate has this id. */
    public static class CertificateNotFoundException extends NotFoundException {

        public CertificateNotFoundException() {
            super("certificate.error.not-found");
        }
    }

    /** The citizen asked for the certificate of someone with none (not vaccinated yet, or revoked). */
    public static class CertificateUnavailableException extends NotFoundException {

        public CertificateUnavailableException() {
            super("certificate.error.unavailable");
        }
    }

    /** The revocation cannot be made as asked; the code says why. */
    public static class RevocationRefusedException extends TeekaException {

        RevocationRefusedException(HttpStatus status, String code, Object... arguments) {
            super(status, code, arguments);
        }
    }
}
