package org.teeka.vaccination;

import org.teeka.account.Role;
import org.teeka.account.StaffAccounts;
import org.teeka.account.StaffPrincipal;
import org.teeka.account.StaffScope;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.NewBeneficiary;
import org.teeka.beneficiary.PhotoIdType;
import org.teeka.center.Center;
import org.teeka.center.CenterDetails;
import org.teeka.center.Centers;
import org.teeka.center.FeeType;
import org.teeka.session.Session;
import org.teeka.session.SessionPlan;
import org.teeka.session.Sessions;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** A center open around the clock with a session today, its staff, its lots and its people: reached through the real services. */
final class ConsoleFixtures {

    static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    static final StaffScope PRAYAGRAJ_ADMIN = StaffScope.district(Role.DISTRICT_ADMIN, 34, 624);
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    final Center center;
    final Session session;
    final StaffPrincipal vaccinator;
    final StaffPrincipal secondVaccinator;
    final StaffPrincipal manager;
    final String lot;
    final String otherLot;
    final String expiredLot;
    final String covaxinLot;
    private final Beneficiaries beneficiaries;

    ConsoleFixtures(Beneficiaries beneficiaries, Centers centers, Sessions sessions, StaffAccounts accounts, Lots lots,
                    String vaccine, int dose1, int dose2) {
        this(beneficiaries, centers, sessions, accounts, lots, vaccine, dose1, dose2, false);
    }

    /** @param oneSlotFromNow all of today's places in one slot that has begun and is not over (until 23:44 India time, when the last 15 minutes begin) */
    ConsoleFixtures(Beneficiaries beneficiaries, Centers centers, Sessions sessions, StaffAccounts accounts, Lots lots,
                    String vaccine, int dose1, int dose2, boolean oneSlotFromNow) {
        this.beneficiaries = beneficiaries;
        long n = SEQUENCE.incrementAndGet();
        center = centers.create(new CenterDetails("Console Test " + n, null, "Civil Lines", null, "Chaka", null, 624, 211001,
                new BigDecimal("25.45"), new BigDecimal("81.84"), FeeType.FREE, LocalTime.of(0, 0), LocalTime.of(23, 59), Map.of()),
                PRAYAGRAJ_ADMIN);
        int hour = java.time.LocalTime.now(INDIA).getHour();
        LocalTime start = oneSlotFromNow ? LocalTime.of(hour, 0) : LocalTime.of(0, 0);
        // the whole day in seven slots of 205 minutes, 00:00 to 23:55, so that a slot is still open until 23:55 India
        // time (sixty-minute slots ended at 23:00, and the tests needing an open slot failed from 17:30 to 18:30 UTC)
        LocalTime end = oneSlotFromNow ? LocalTime.of(23, 59) : LocalTime.of(23, 55);
        // one slot from the hour begun to the end of the day (at most 12 h, at least the planner's 15 minutes)
        int minutes = oneSlotFromNow ? (int) Math.max(15, Math.min(720, java.time.Duration.between(start, end).toMinutes())) : 205;
        sessions.plan(center.id(), new SessionPlan(vaccine, today(), today(), EnumSet.allOf(DayOfWeek.class), 18, null,
                dose1, dose2, start, end, minutes), PRAYAGRAJ_ADMIN, "test");
        session = sessions.atCenter(center.id(), today(), 1, PRAYAGRAJ_ADMIN).getFirst();
        vaccinator = staff(accounts, "vac" + n + ".a", Role.VACCINATOR);
        secondVaccinator = staff(accounts, "vac" + n + ".b", Role.VACCINATOR);
        manager = staff(accounts, "mgr" + n, Role.CENTER_MANAGER);
        lot = "TST-" + n + "-A";
        otherLot = "TST-" + n + "-B";
        expiredLot = "TST-" + n + "-X";
        covaxinLot = "TST-" + n + "-C";
        lots.add(lot, "COVISHIELD", today().plusMonths(3));
        lots.add(otherLot, "COVISHIELD", today().plusMonths(3));
        lots.add(expiredLot, "COVISHIELD", today().minusDays(1));
        lots.add(covaxinLot, "COVAXIN", today().plusMonths(3));
    }

    private StaffPrincipal staff(StaffAccounts accounts, String username, Role role) {
        accounts.create(username, "long-enough-password", "Staff " + username, StaffScope.center(role, 34, 624, center.id()));
        return accounts.find(username).orElseThrow();
    }

    static LocalDate today() {
        return LocalDate.now(INDIA);
    }

    static String newMobile() {
        return "8" + String.format("%09d", SEQUENCE.incrementAndGet() % 1_000_000_000L);
    }

    Beneficiary personBornIn(int birthYear) {
        String voterId = "TKV" + String.format("%07d", SEQUENCE.incrementAndGet() % 10_000_000L);
        return beneficiaries.register(newMobile(), new NewBeneficiary("Console Person", birthYear, Gender.MALE, PhotoIdType.VOTER_ID,
                voterId, 624, 211001), Locale.ENGLISH);
    }

    DoseEntry dose(Beneficiary person, int dose, String lotNumber) {
        return new DoseEntry(UUID.randomUUID(), person.id(), dose, session.vaccineCode(), lotNumber, session.id(), Instant.now(), null);
    }
}
