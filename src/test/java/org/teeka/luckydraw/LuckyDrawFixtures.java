package org.teeka.luckydraw;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.NewBeneficiary;
import org.teeka.beneficiary.PhotoIdType;
import org.teeka.vaccination.DoseRecords;

import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Vaccinated people for lucky-draw tests, reached through the real registration and dose recording. */
public final class LuckyDrawFixtures {

    public static final int PRAYAGRAJ = 624;
    public static final int RAIPUR = 109;
    private static final AtomicLong SEQUENCE = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000));

    private final Beneficiaries beneficiaries;
    private final DoseRecords doses;
    private final JdbcClient jdbc;

    public LuckyDrawFixtures(Beneficiaries beneficiaries, DoseRecords doses, JdbcClient jdbc) {
        this.beneficiaries = beneficiaries;
        this.doses = doses;
        this.jdbc = jdbc;
    }

    /** A Prayagraj resident under a mobile of their own, not yet vaccinated. */
    public Beneficiary person() {
        long n = SEQUENCE.incrementAndGet();
        String mobile = "8" + String.format("%09d", (n * 7919) % 1_000_000_000L);
        return beneficiaries.register(mobile, new NewBeneficiary("Lucky Person " + n, 1980, Gender.MALE, PhotoIdType.VOTER_ID,
                "LKD" + String.format("%07d", n % 10_000_000L), PRAYAGRAJ, 211001), Locale.ENGLISH);
    }

    /** A demo center of the district. */
    public int centerIn(int districtId) {
        return jdbc.sql("select min(id) from centers where district_id = ?").param(districtId).query(Integer.class).single();
    }

    /** A new person given their first dose at a center of the district on the day. */
    public Beneficiary vaccinatedIn(int districtId, LocalDate on) {
        Beneficiary person = person();
        doses.record(person.id(), 1, districtId == PRAYAGRAJ ? "COVISHIELD" : "COVAXIN", on, centerIn(districtId));
        return person;
    }
}
