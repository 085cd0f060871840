package org.teeka.booking;

import org.teeka.account.Role;
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
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** Scenario building blocks for booking tests, reached through the real services. */
final class BookingFixtures {

    static final StaffScope PRAYAGRAJ_ADMIN = StaffScope.district(Role.DISTRICT_ADMIN, 34, 624);
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private final Beneficiaries beneficiaries;
    private final Centers centers;
    private final Sessions sessions;

    BookingFixtures(Beneficiaries beneficiaries, Centers centers, Sessions sessions) {
        this.beneficiaries = beneficiaries;
        this.centers = centers;
        this.sessions = sessions;
    }

    /** What one racer's booking came to. */
    enum Outcome { BOOKED, FULL, OTHER }

    /**
     * Everyone books dose 1 in the session's first slot at the same moment, each on a thread of
     * {@code threads}, which this closes; the outcomes in the order of {@code people}.
     */
    static List<Outcome> race(Bookings bookings, List<Beneficiary> people, UUID sessionId, ExecutorService threads) throws Exception {
        var start = new CountDownLatch(1);
        var attempts = new ArrayList<Future<Outcome>>();
        try (threads) {
            for (Beneficiary person : people) {
                attempts.add(threads.submit(() -> {
                    start.await();
                    try {
                        bookings.book(person.mobile(), person.id(), sessionId, 1, 1, UUID.randomUUID().toString(),
                                Appointment.Source.CITIZEN, Locale.ENGLISH);
                        return Outcome.BOOKED;
                    } catch (BookingRefusedException refused) {
                        return refused.full() ? Outcome.FULL : Outcome.OTHER;
                    }
                }));
            }
            start.countDown();
        }
        var outcomes = new ArrayList<Outcome>();
        for (Future<Outcome> attempt : attempts) {
            outcomes.add(attempt.get());
        }
        return outcomes;
    }

    static LocalDate tomorrow() {
        return LocalDate.now(ZoneId.of("Asia/Kolkata")).plusDays(1);
    }

    /** A mobile number no other test uses. */
    static String newMobile() {
        return "9" + String.format("%09d", SEQUENCE.incrementAndGet() % 1_000_000_000L);
    }

    /** A Prayagraj resident born in the given year, registered under a mobile of their own. */
    Beneficiary residentBornIn(int birthYear) {
        return registeredUnder(newMobile(), birthYear);
    }

    Beneficiary registeredUnder(String mobile, int birthYear) {
        String voterId = "TKA" + String.format("%07d", SEQUENCE.incrementAndGet() % 10_000_000L);
        return beneficiaries.register(mobile, new NewBeneficiary("Test Person", birthYear, Gender.FEMALE, PhotoIdType.VOTER_ID,
                voterId, 624, 211001), Locale.ENGLISH);
    }

    /** A new Prayagraj center with one session on the date: one slot holding every place. */
    Session sessionWithPlaces(LocalDate date, String vaccine, int dose1, int dose2, int minAge, Integer maxAge) {
        Center center = centers.create(new CenterDetails("Booking Test " + SEQUENCE.incrementAndGet(), null, "Civil Lines", null,
                "Chaka", null, 624, 211001, new BigDecimal("25.45"), new BigDecimal("81.84"), FeeType.FREE,
                LocalTime.of(9, 0), LocalTime.of(17, 0), Map.of()), PRAYAGRAJ_ADMIN);
        sessions.plan(center.id(), new SessionPlan(vaccine, date, date, EnumSet.allOf(DayOfWeek.class), minAge, maxAge,
                dose1, dose2, LocalTime.of(9, 0), LocalTime.of(17, 0), 480), PRAYAGRAJ_ADMIN, "test");
        return sessions.atCenter(center.id(), date, 1, PRAYAGRAJ_ADMIN).getFirst();
    }
}
