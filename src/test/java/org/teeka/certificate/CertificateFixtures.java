package org.teeka.certificate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.NewBeneficiary;
import org.teeka.beneficiary.PhotoIdType;
import org.teeka.vaccination.DoseRecord;
import org.teeka.vaccination.DoseRecords;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/** People vaccinated in Prayagraj (Uttar Pradesh) or Raipur (Chhattisgarh), and their certificates once issued. */
final class CertificateFixtures {

    static final int PRAYAGRAJ = 624;
    static final int RAIPUR = 109;
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private final Beneficiaries beneficiaries;
    private final DoseRecords doseRecords;
    private final Certificates certificates;
    private final JdbcClient jdbc;

    CertificateFixtures(Beneficiaries beneficiaries, DoseRecords doseRecords, Certificates certificates, JdbcClient jdbc) {
        this.beneficiaries = beneficiaries;
        this.doseRecords = doseRecords;
        this.certificates = certificates;
        this.jdbc = jdbc;
    }

    static String newMobile() {
        return "8" + String.format("%09d", SEQUENCE.incrementAndGet() % 1_000_000_000L);
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Kolkata"));
    }

    Beneficiary registered(String mobile, String name, int districtId) {
        String voterId = "TKC" + String.format("%07d", SEQUENCE.incrementAndGet() % 10_000_000L);
        int pincode = districtId == RAIPUR ? 492001 : 211001;
        return beneficiaries.register(mobile, new NewBeneficiary(name, 1984, Gender.FEMALE, PhotoIdType.VOTER_ID, voterId, districtId,
                pincode), Locale.ENGLISH);
    }

    int centerIn(int districtId) {
        return jdbc.sql("select min(id) from centers where district_id = ?").param(districtId).query(Integer.class).single();
    }

    DoseRecord dose(Beneficiary person, int dose, String vaccine, LocalDate givenOn) {
        return doseRecords.record(person.id(), dose, vaccine, givenOn, centerIn(person.districtId()));
    }

    /** The dose record's certificate, once the listener has issued it. */
    Certificate certificateOf(DoseRecord dose) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> certificates.ofDoseRecord(dose.id()), java.util.Optional::isPresent).orElseThrow();
    }

    /** A Prayagraj resident with a first dose of Covishield and its provisional certificate. */
    Certificate provisional(String mobile, String name) {
        Beneficiary person = registered(mobile, name, PRAYAGRAJ);
        return certificateOf(dose(person, 1, "COVISHIELD", today()));
    }
}
