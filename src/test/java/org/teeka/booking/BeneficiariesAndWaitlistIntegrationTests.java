package org.teeka.booking;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.IntegrationTest;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.NewBeneficiary;
import org.teeka.beneficiary.PhotoIdType;
import org.teeka.center.Centers;
import org.teeka.session.Session;
import org.teeka.session.Sessions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class BeneficiariesAndWaitlistIntegrationTests {

    /** Valid Aadhaar numbers (Verhoeff check digit correct). */
    private static final String AADHAAR = "234123412346";

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    Bookings bookings;

    @Autowired
    Waitlist waitlist;

    @Autowired
    Centers centers;

    @Autowired
    Sessions sessions;

    @Autowired
    JdbcClient jdbc;

    private BookingFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new BookingFixtures(beneficiaries, centers, sessions);
    }

    @Test
    void keepsOnlyTheLastFourDigitsAndAKeyedHashOfAnAadhaarNumber() {
        String mobile = BookingFixtures.newMobile();
        Beneficiary person = beneficiaries.register(mobile, new NewBeneficiary("Sunita Devi", 1980, Gender.FEMALE,
                PhotoIdType.AADHAAR, "2341 2341 2346", 624, 211001), Locale.ENGLISH);

        assertThat(person.maskedId()).endsWith("2346").doesNotContain("23412341");
        assertThat(person.referenceId()).matches("[1-9][0-9]{13}");
        String row = jdbc.sql("select row_to_json(b)::text from beneficiaries b where id = ?").param(person.id()).query(String.class).single();
        assertThat(row).doesNotContain(AADHAAR).contains("\"id_last4\":\"2346\"");
        assertThatThrownBy(() -> beneficiaries.register(BookingFixtures.newMobile(), new NewBeneficiary("Someone Else", 1980,
                Gender.FEMALE, PhotoIdType.AADHAAR, AADHAAR, 624, 211001), Locale.ENGLISH))
                .hasMessageContaining("beneficiary.error.id-taken");
    }

    @Test
    void refusesAnAadhaarNumberWithAWrongCheckDigit() {
        assertThatThrownBy(() -> beneficiaries.register(BookingFixtures.newMobile(), new NewBeneficiary("Typo", 1980,
                Gender.MALE, PhotoIdType.AADHAAR, "234123412347", 624, 211001), Locale.ENGLISH))
                .hasMessageContaining("beneficiary.error.aadhaar-checksum");
    }

    @Test
    void aMobileHoldsAtMostFourPeopleEvenWhenTheyRegisterAtOnce() throws Exception {
        String mobile = BookingFixtures.newMobile();
        List<Callable<Boolean>> registrations = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            registrations.add(() -> {
                try {
                    fixtures.registeredUnder(mobile, 1990);
                    return true;
                } catch (Beneficiaries.RegistrationRefusedException full) {
                    assertThat(full.code()).isEqualTo("beneficiary.error.family-full");
                    return false;
                }
            });
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            long registered = pool.invokeAll(registrations).stream().filter(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).count();
            assertThat(registered).isEqualTo(4);
        }
        assertThat(beneficiaries.family(mobile)).hasSize(4);
    }

    @Test
    void aPinCodeOfAnotherDistrictIsExplained() {
        assertThatThrownBy(() -> beneficiaries.register(BookingFixtures.newMobile(), new NewBeneficiary("Wrong Place", 1980,
                Gender.MALE, PhotoIdType.PAN, "ABCDE1234F", 624, 492001), Locale.ENGLISH))
                .hasMessageContaining("beneficiary.error.pincode-elsewhere");
    }

    @Test
    void aCancellationBooksTheFirstPersonWaitingAndTellsThemBySms() {
        Beneficiary first = fixtures.residentBornIn(1990);
        Session session = fixtures.sessionWithPlaces(BookingFixtures.tomorrow(), "CORBEVAX", 1, 0, 12, null);
        Appointment taken = bookings.book(first.mobile(), first.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);
        Beneficiary waiting = fixtures.residentBornIn(1991);
        Beneficiary later = fixtures.residentBornIn(1992);
        waitlist.join(waiting.mobile(), waiting.id(), 1, "CORBEVAX");
        waitlist.join(later.mobile(), later.id(), 1, "CORBEVAX");

        bookings.cancel(first.mobile(), taken.id(), Locale.ENGLISH);

        await().atMost(Duration.ofSeconds(10)).until(() -> !bookings.activeOf(waiting.id()).isEmpty());
        Appointment placed = bookings.activeOf(waiting.id()).getFirst();
        assertThat(placed.sessionId()).isEqualTo(session.id());
        assertThat(placed.source()).isEqualTo(Appointment.Source.WAITLIST);
        assertThat(waitlist.waiting(waiting.id(), 1)).isFalse();
        assertThat(waitlist.waiting(later.id(), 1)).isTrue();
        assertThat(jdbc.sql("select count(*) from outbox_messages where template = 'sms.waitlist-booked' and mobile = ?")
                .param(waiting.mobile()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void newSessionsBookThePeopleWaitingInTheirDistrict() {
        Beneficiary waiting = fixtures.residentBornIn(1993);
        waitlist.join(waiting.mobile(), waiting.id(), 1, "CORBEVAX");

        Session session = fixtures.sessionWithPlaces(BookingFixtures.tomorrow(), "CORBEVAX", 3, 0, 12, null);

        await().atMost(Duration.ofSeconds(10)).until(() -> !bookings.activeOf(waiting.id()).isEmpty());
        Appointment placed = bookings.activeOf(waiting.id()).getFirst();
        assertThat(placed.source()).isEqualTo(Appointment.Source.WAITLIST);
        // the new session, or an earlier test's Corbevax session of the district that still had a place
        Session booked = sessions.find(placed.sessionId()).orElseThrow();
        assertThat(booked.vaccineCode()).isEqualTo("CORBEVAX");
        assertThat(booked.districtId()).isEqualTo(session.districtId());
    }

    @Test
    void joiningTwiceIsRefused() {
        Beneficiary person = fixtures.residentBornIn(1994);
        waitlist.join(person.mobile(), person.id(), 1, "COVAXIN");

        assertThatThrownBy(() -> waitlist.join(person.mobile(), person.id(), 1, "COVAXIN"))
                .hasMessageContaining("booking.error.already-waiting");
    }
}
