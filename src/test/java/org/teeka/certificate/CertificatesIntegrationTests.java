package org.teeka.certificate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.IntegrationTest;
import org.teeka.account.StaffAccounts;
import org.teeka.account.StaffPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.platform.OutOfScopeException;
import org.teeka.platform.TeekaException;
import org.teeka.vaccination.DoseAdministered;
import org.teeka.vaccination.DoseRecord;
import org.teeka.vaccination.DoseRecords;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class CertificatesIntegrationTests {

    @Autowired
    org.teeka.luckydraw.LuckyDrawCards cards;

    @Autowired
    Certificates certificates;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    DoseRecords doseRecords;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    CertificateFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new CertificateFixtures(beneficiaries, doseRecords, certificates, jdbc);
    }

    @Test
    void aFirstDoseGetsAProvisionalCertificateAndTheLastDoseAFinalOne() {
        Beneficiary person = fixtures.registered(CertificateFixtures.newMobile(), "Kamla Devi", CertificateFixtures.PRAYAGRAJ);

        Certificate provisional = fixtures.certificateOf(fixtures.dose(person, 1, "COVISHIELD", CertificateFixtures.today().minusDays(90)));
        Certificate last = fixtures.certificateOf(fixtures.dose(person, 2, "COVISHIELD", CertificateFixtures.today()));

        assertThat(provisional.kind()).isEqualTo(CertificateContent.Kind.PROVISIONAL);
        assertThat(last.kind()).isEqualTo(CertificateContent.Kind.FINAL);
        assertThat(last.stateId()).isEqualTo(34);
        CertificateContent content = certificates.content(last);
        assertThat(content.name()).isEqualTo("Kamla Devi");
        assertThat(content.photoIdNumber()).isEqualTo(person.maskedId()).startsWith("XXXXXXXX");
        assertThat(content.doses()).extracting(CertificateContent.Dose::dose).containsExactly(1, 2);
        assertThat(content.lastDose().district()).isEqualTo("Prayagraj");
        assertThat(content.lastDose().state()).isEqualTo("Uttar Pradesh");
        assertThat(content.lastDose().totalDoses()).isEqualTo(2);
        assertThat(content.cardNumber()).as("the lucky-draw card issued with dose 1, as printed")
                .isEqualTo(cards.cardOf(person.id()).orElseThrow().number().grouped());
        assertThat(certificates.currentOf(person.id())).map(Certificate::id).contains(last.id());
        assertThat(certificates.verifyId(last.id()).outcome()).isEqualTo(Verification.Outcome.VALID);
        assertThat(certificates.verifyPayload(last.qrPayload()).outcome()).isEqualTo(Verification.Outcome.VALID);
    }

    @Test
    void aDoseRecordGetsOneCertificateHoweverOftenAndConcurrentlyItsEventArrives() throws Exception {
        Beneficiary person = fixtures.registered(CertificateFixtures.newMobile(), "Concurrent Certificate", CertificateFixtures.PRAYAGRAJ);
        DoseRecord dose = fixtures.dose(person, 1, "COVISHIELD", CertificateFixtures.today());
        var event = new DoseAdministered(dose.id(), person.id(), 1, "COVISHIELD", dose.givenOn(), dose.centerId());
        int threads = 8;
        var start = new CountDownLatch(1);
        List<Future<java.util.Optional<Certificate>>> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return certificates.issue(event);
                }));
            }
            start.countDown();
            for (var result : results) {
                assertThat(result.get()).isPresent();
            }
        }
        fixtures.certificateOf(dose);

        assertThat(jdbc.sql("select count(*) from certificates where dose_record_id = ?").param(dose.id()).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(results.stream().map(r -> {
            try {
                return r.get().orElseThrow().id();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).distinct()).hasSize(1);
    }

    @Test
    void aRevokedCertificateVerifiesAsRevokedByIdAndByQr() {
        Certificate certificate = fixtures.provisional(CertificateFixtures.newMobile(), "To Be Revoked");
        StaffPrincipal state = accounts.find("state.up").orElseThrow();

        Certificate revoked = certificates.revoke(certificate.id(), "  Recorded against the wrong person  ", state.scope(), state.getUsername());

        assertThat(revoked.revoked()).isTrue();
        assertThat(revoked.revokedBy()).isEqualTo("state.up");
        assertThat(revoked.revocationReason()).isEqualTo("Recorded against the wrong person");
        Verification byId = certificates.verifyId(certificate.id());
        assertThat(byId.outcome()).isEqualTo(Verification.Outcome.REVOKED);
        assertThat(byId.content().name()).isEqualTo("To Be Revoked");
        assertThat(certificates.verifyPayload(certificate.qrPayload()).outcome()).isEqualTo(Verification.Outcome.REVOKED);
        assertThat(certificates.currentOf(certificate.beneficiaryId())).isEmpty();
        assertThatThrownBy(() -> certificates.revoke(certificate.id(), "again", state.scope(), state.getUsername()))
                .isInstanceOf(TeekaException.class).extracting(e -> ((TeekaException) e).code()).isEqualTo("certificate.error.already-revoked");
    }

    @Test
    void onlyAStateAdminOfTheCertificatesStateRevokesItAndWithAReason() {
        Certificate certificate = fixtures.provisional(CertificateFixtures.newMobile(), "Stays Valid");
        StaffPrincipal chhattisgarh = accounts.find("state.cg").orElseThrow();
        StaffPrincipal district = accounts.find("district.prayagraj").orElseThrow();
        StaffPrincipal uttarPradesh = accounts.find("state.up").orElseThrow();

        assertThatThrownBy(() -> certificates.revoke(certificate.id(), "no", chhattisgarh.scope(), "state.cg"))
                .isInstanceOf(OutOfScopeException.class);
        assertThatThrownBy(() -> certificates.revoke(certificate.id(), "no", district.scope(), "district.prayagraj"))
                .isInstanceOf(OutOfScopeException.class);
        assertThatThrownBy(() -> certificates.revoke(certificate.id(), "   ", uttarPradesh.scope(), "state.up"))
                .isInstanceOf(TeekaException.class).extracting(e -> ((TeekaException) e).code()).isEqualTo("certificate.error.reason-required");
        assertThat(certificates.verifyId(certificate.id()).outcome()).isEqualTo(Verification.Outcome.VALID);
    }

    @Test
    void twoAdminsRevokingAtOnceLeaveOneRevocation() throws Exception {
        Certificate certificate = fixtures.provisional(CertificateFixtures.newMobile(), "Revoked Twice At Once");
        StaffPrincipal state = accounts.find("state.up").orElseThrow();
        var start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                String reason = "reason " + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        certificates.revoke(certificate.id(), reason, state.scope(), "state.up");
                        return "revoked";
                    } catch (TeekaException e) {
                        return e.code();
                    }
                }));
            }
            start.countDown();
        }
        List<String> outcomes = new ArrayList<>();
        for (var result : results) {
            outcomes.add(result.get());
        }
        assertThat(outcomes).containsOnlyOnce("revoked").filteredOn(o -> !o.equals("revoked")).containsOnly("certificate.error.already-revoked");
    }

    @Test
    void aChangedStoredCredentialNoLongerVerifies() {
        Certificate certificate = fixtures.provisional(CertificateFixtures.newMobile(), "Changed In The Database");
        jdbc.sql("update certificates set credential = replace(credential, 'Changed In The Database', 'Someone Else') where id = ?")
                .param(certificate.id()).update();

        assertThat(certificates.verifyId(certificate.id()).outcome()).isEqualTo(Verification.Outcome.TAMPERED);
        assertThat(certificates.verifyId("TK-0000-0000-0000-0000").outcome()).isEqualTo(Verification.Outcome.NOT_FOUND);
        assertThat(certificates.verifyId("nonsense").outcome()).isEqualTo(Verification.Outcome.NOT_FOUND);
    }
}
