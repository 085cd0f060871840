package org.teeka.booking;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.IntegrationTest;
import org.teeka.booking.BookingFixtures.Outcome;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.center.Centers;
import org.teeka.session.Session;
import org.teeka.session.Sessions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launch-day race: 2,000 distinct people booking at once for a session with 100 places,
 * against the real database. Exactly 100 get a place, every other one is told it is full, and
 * nothing is lost or duplicated.
 */
@IntegrationTest
class OverbookingIntegrationTests {

    private static final int PEOPLE = 2_000;
    private static final int PLACES = 100;

    @Autowired
    Bookings bookings;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    Centers centers;

    @Autowired
    Sessions sessions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void twoThousandPeopleRacingForAHundredPlacesGetExactlyAHundred() throws Exception {
        var fixtures = new BookingFixtures(beneficiaries, centers, sessions);
        Session session = fixtures.sessionWithPlaces(BookingFixtures.tomorrow(), "COVAXIN", PLACES, 0, 18, null);
        List<Beneficiary> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            people.add(fixtures.residentBornIn(1990));
        }

        List<Outcome> outcomes = BookingFixtures.race(bookings, people, session.id(), Executors.newFixedThreadPool(64));

        assertThat(outcomes.stream().filter(o -> o == Outcome.BOOKED)).hasSize(PLACES);
        assertThat(outcomes.stream().filter(o -> o == Outcome.FULL)).hasSize(PEOPLE - PLACES);
        assertThat(bookings.activeIn(session.id())).isEqualTo(PLACES);
        Session after = sessions.find(session.id()).orElseThrow();
        assertThat(after.dose1Booked()).isEqualTo(PLACES);
        assertThat(after.slots().getFirst().booked()).isEqualTo(PLACES);
        assertThat(jdbc.sql("""
                        select count(*) from outbox_messages where template = 'sms.appointment-booked'
                        and dedupe_key in (select 'appointment:' || id from appointments where session_id = ?)""")
                .param(session.id()).query(Integer.class).single()).isEqualTo(PLACES);
    }
}
