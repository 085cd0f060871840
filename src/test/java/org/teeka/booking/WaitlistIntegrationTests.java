package org.teeka.booking;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.teeka.IntegrationTest;
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
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.teeka.booking.BookingFixtures.tomorrow;

@IntegrationTest
class WaitlistIntegrationTests {

    /** Varanasi: no demo centers, and no other test's. */
    static final int VARANASI = 696;

    @Autowired
    Bookings bookings;

    @Autowired
    Waitlist waitlist;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    Centers centers;

    @Autowired
    Sessions sessions;

    @Test
    void someoneWhoBooksWhileWaitingLeavesTheWaitlistAndDoesNotHoldUpThoseBehind() {
        Beneficiary early = varanasiResident();
        Beneficiary later = varanasiResident();
        waitlist.join(early.mobile(), early.id(), 1, null);
        waitlist.join(later.mobile(), later.id(), 1, null);
        Session elsewhere = new BookingFixtures(beneficiaries, centers, sessions).sessionWithPlaces(tomorrow(), "COVAXIN", 5, 0, 18, null);

        bookings.book(early.mobile(), early.id(), elsewhere.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);

        assertThat(waitlist.waiting(early.id(), 1)).isFalse();
        // places appear in Varanasi: the planning event fills the district's waitlist, first come first served
        newVaranasiSession();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(bookings.activeOf(later.id())).hasSize(1));
        assertThat(bookings.activeOf(early.id())).singleElement()
                .satisfies(appointment -> assertThat(appointment.sessionId()).isEqualTo(elsewhere.id()));
    }

    private Beneficiary varanasiResident() {
        String mobile = "8" + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
        String voterId = "TKV" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        return beneficiaries.register(mobile, new NewBeneficiary("Waiting Person", 1990, Gender.FEMALE, PhotoIdType.VOTER_ID, voterId,
                VARANASI, 221001), Locale.ENGLISH);
    }

    private void newVaranasiSession() {
        var scope = StaffScope.district(Role.DISTRICT_ADMIN, 34, VARANASI);
        Center center = centers.create(new CenterDetails("Waitlist Test " + ThreadLocalRandom.current().nextInt(1_000_000), null,
                "Godowlia", null, "Kashi", null, VARANASI, 221001, new BigDecimal("25.31"), new BigDecimal("83.01"), FeeType.FREE,
                LocalTime.of(9, 0), LocalTime.of(17, 0), Map.of()), scope);
        sessions.plan(center.id(), new SessionPlan("COVAXIN", tomorrow(), tomorrow(), EnumSet.allOf(DayOfWeek.class), 18, null,
                5, 0, LocalTime.of(9, 0), LocalTime.of(17, 0), 480), scope, "test");
    }
}
