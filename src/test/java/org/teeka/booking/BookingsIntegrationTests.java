package org.teeka.booking;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.IntegrationTest;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.center.Centers;
import org.teeka.session.Session;
import org.teeka.session.Sessions;
import org.teeka.vaccination.DoseRecords;

import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.teeka.booking.BookingFixtures.tomorrow;

@IntegrationTest
class BookingsIntegrationTests {

    @Autowired
    Bookings bookings;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    Centers centers;

    @Autowired
    Sessions sessions;

    @Autowired
    DoseRecords doseRecords;

    @Autowired
    JdbcClient jdbc;

    private BookingFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new BookingFixtures(beneficiaries, centers, sessions);
    }

    @Test
    void booksAPlaceAndQueuesTheConfirmationWithTheSecurityCode() {
        Beneficiary person = fixtures.residentBornIn(1990);
        Session session = fixtures.sessionWithPlaces(tomorrow(), "COVAXIN", 10, 0, 18, null);

        Appointment appointment = bookings.book(person.mobile(), person.id(), session.id(), 1, 1, null,
                Appointment.Source.CITIZEN, Locale.ENGLISH);

        assertThat(appointment.status()).isEqualTo(Appointment.Status.BOOKED);
        assertThat(appointment.securityCode()).matches("[0-9]{4}");
        assertThat(sessions.find(session.id()).orElseThrow().dose1Booked()).isEqualTo(1);
        assertThat(outboxText("appointment:" + appointment.id()))
                .contains("Booking Test").contains("09:00–17:00").contains(appointment.securityCode());
    }

    @Test
    void aRepeatedRequestReturnsTheFirstAppointment() {
        Beneficiary person = fixtures.residentBornIn(1990);
        Session session = fixtures.sessionWithPlaces(tomorrow(), "COVAXIN", 10, 0, 18, null);
        String key = UUID.randomUUID().toString();

        Appointment first = bookings.book(person.mobile(), person.id(), session.id(), 1, 1, key, Appointment.Source.CITIZEN, Locale.ENGLISH);
        Appointment again = bookings.book(person.mobile(), person.id(), session.id(), 1, 1, key, Appointment.Source.CITIZEN, Locale.ENGLISH);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(sessions.find(session.id()).orElseThrow().dose1Booked()).isEqualTo(1);
    }

    @Test
    void refusesASecondActiveAppointmentForTheSameDose() {
        Beneficiary person = fixtures.residentBornIn(1990);
        Session session = fixtures.sessionWithPlaces(tomorrow(), "COVAXIN", 10, 0, 18, null);
        bookings.book(person.mobile(), person.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);

        assertThatThrownBy(() -> bookings.book(person.mobile(), person.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH))
                .isInstanceOf(BookingRefusedException.class).hasMessageContaining("booking.error.already-booked");
        assertThat(sessions.find(session.id()).orElseThrow().dose1Booked()).isEqualTo(1);
    }

    @Test
    void refusesSomeoneOutsideTheSessionsAgeBandWithTheReason() {
        Beneficiary elder = fixtures.residentBornIn(1950);
        Session youngAdults = fixtures.sessionWithPlaces(tomorrow(), "COVAXIN", 10, 0, 18, 44);

        assertThatThrownBy(() -> bookings.book(elder.mobile(), elder.id(), youngAdults.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH))
                .hasMessageContaining("booking.error.age-outside");
    }

    @Test
    void refusesASecondDoseTooEarlyOrOfAnotherVaccine() {
        Beneficiary person = fixtures.residentBornIn(1990);
        doseRecords.record(person.id(), 1, "COVISHIELD", tomorrow().minusDays(30), null);
        Session covishield = fixtures.sessionWithPlaces(tomorrow(), "COVISHIELD", 0, 10, 18, null);
        Session covaxin = fixtures.sessionWithPlaces(tomorrow(), "COVAXIN", 0, 10, 18, null);

        assertThatThrownBy(() -> bookings.book(person.mobile(), person.id(), covishield.id(), 1, 2, null, Appointment.Source.CITIZEN, Locale.ENGLISH))
                .hasMessageContaining("booking.error.too-early");
        assertThatThrownBy(() -> bookings.book(person.mobile(), person.id(), covaxin.id(), 1, 2, null, Appointment.Source.CITIZEN, Locale.ENGLISH))
                .hasMessageContaining("booking.error.other-vaccine");
    }

    @Test
    void refusesASecondDoseWithoutTheFirstOnRecord() {
        Beneficiary person = fixtures.residentBornIn(1990);
        Session session = fixtures.sessionWithPlaces(tomorrow(), "COVAXIN", 0, 10, 18, null);

        assertThatThrownBy(() -> bookings.book(person.mobile(), person.id(), session.id(), 1, 2, null, Appointment.Source.CITIZEN, Locale.ENGLISH))
                .hasMessageContaining("booking.error.previous-dose-missing");
    }

    @Test
    void aFullSessionIsRefusedAndNothingIsWritten() {
        Session session = fixtures.sessionWithPlaces(tomorrow(), "COVAXIN", 1, 0, 18, null);
        Beneficiary first = fixtures.residentBornIn(1990);
        Beneficiary second = fixtures.residentBornIn(1991);
        bookings.book(first.mobile(), first.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);

        assertThatThrownBy(() -> bookings.book(second.mobile(), second.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH))
                .isInstanceOfSatisfying(BookingRefusedException.class, e -> assertThat(e.full()).isTrue());
        assertThat(bookings.activeOf(second.id())).isEmpty();
    }

    @Test
    void cancellingFreesThePlaceAtOnce() {
        Session session = fixtures.sessionWithPlaces(tomorrow(), "COVAXIN", 1, 0, 18, null);
        Beneficiary first = fixtures.residentBornIn(1990);
        Beneficiary second = fixtures.residentBornIn(1991);
        Appointment appointment = bookings.book(first.mobile(), first.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);

        bookings.cancel(first.mobile(), appointment.id(), Locale.ENGLISH);

        assertThat(bookings.book(second.mobile(), second.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH).status())
                .isEqualTo(Appointment.Status.BOOKED);
        assertThatThrownBy(() -> bookings.cancel(first.mobile(), appointment.id(), Locale.ENGLISH))
                .hasMessageContaining("booking.error.not-active");
    }

    @Test
    void aRescheduleToAFullSessionKeepsTheOldAppointment() {
        Beneficiary person = fixtures.residentBornIn(1990);
        Session open = fixtures.sessionWithPlaces(tomorrow(), "COVAXIN", 5, 0, 18, null);
        Session full = fixtures.sessionWithPlaces(tomorrow().plusDays(1), "COVAXIN", 1, 0, 18, null);
        Beneficiary other = fixtures.residentBornIn(1980);
        bookings.book(other.mobile(), other.id(), full.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);
        Appointment appointment = bookings.book(person.mobile(), person.id(), open.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);

        assertThatThrownBy(() -> bookings.reschedule(person.mobile(), appointment.id(), full.id(), 1, null, Locale.ENGLISH))
                .isInstanceOfSatisfying(BookingRefusedException.class, e -> assertThat(e.full()).isTrue());

        assertThat(bookings.get(appointment.id(), person.mobile()).status()).isEqualTo(Appointment.Status.BOOKED);
        assertThat(sessions.find(open.id()).orElseThrow().dose1Booked()).isEqualTo(1);
    }

    @Test
    void aRescheduleMovesThePlace() {
        Beneficiary person = fixtures.residentBornIn(1990);
        Session from = fixtures.sessionWithPlaces(tomorrow(), "COVAXIN", 5, 0, 18, null);
        Session to = fixtures.sessionWithPlaces(tomorrow().plusDays(2), "COVAXIN", 5, 0, 18, null);
        Appointment appointment = bookings.book(person.mobile(), person.id(), from.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);

        Appointment moved = bookings.reschedule(person.mobile(), appointment.id(), to.id(), 1, null, Locale.ENGLISH);

        assertThat(bookings.get(appointment.id(), person.mobile()).status()).isEqualTo(Appointment.Status.RESCHEDULED);
        assertThat(moved.sessionId()).isEqualTo(to.id());
        assertThat(sessions.find(from.id()).orElseThrow().dose1Booked()).isZero();
        assertThat(sessions.find(to.id()).orElseThrow().dose1Booked()).isEqualTo(1);
    }

    @Test
    void anotherFamilysAppointmentIsNotFound() {
        Beneficiary person = fixtures.residentBornIn(1990);
        Session session = fixtures.sessionWithPlaces(tomorrow(), "COVAXIN", 5, 0, 18, null);
        Appointment appointment = bookings.book(person.mobile(), person.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);

        assertThatThrownBy(() -> bookings.cancel(BookingFixtures.newMobile(), appointment.id(), Locale.ENGLISH))
                .hasMessageContaining("booking.error.appointment-unknown");
    }

    @Test
    void bookEarliestTakesTheEarliestDateThenTheNearestCenter() {
        Beneficiary person = fixtures.residentBornIn(1990);
        LocalDate soon = LocalDate.now(java.time.ZoneId.of("Asia/Kolkata")).plusDays(1);
        // the demo's Prayagraj sessions (Covishield, 18+) start today; a person with no vaccine preference takes the earliest
        Appointment appointment = bookings.bookEarliest(person.mobile(), person.id(), 1, null, Locale.ENGLISH);

        Session session = sessions.find(appointment.sessionId()).orElseThrow();
        assertThat(session.date()).isBeforeOrEqualTo(soon);
        assertThat(session.districtId()).isEqualTo(624);
    }

    private String outboxText(String dedupeKey) {
        return jdbc.sql("select text from outbox_messages where dedupe_key = ?").param(dedupeKey).query(String.class).single();
    }
}
