package org.teeka.vaccination;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.IntegrationTest;
import org.teeka.account.StaffAccounts;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.NewBeneficiary;
import org.teeka.beneficiary.PhotoIdType;
import org.teeka.booking.Appointment;
import org.teeka.booking.BookingRefusedException;
import org.teeka.booking.CenterAppointments;
import org.teeka.center.Centers;
import org.teeka.session.Sessions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Walk-ins and the end of the session, on the real database. */
@IntegrationTest
class CenterDayIntegrationTests {

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000);

    @Autowired Vaccinations vaccinations;
    @Autowired CenterAppointments appointments;
    @Autowired Lots lots;
    @Autowired Beneficiaries beneficiaries;
    @Autowired Centers centers;
    @Autowired Sessions sessions;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;

    @Test
    void aWalkInWithoutAPhoneIsRegisteredBookedAndVaccinatedWithoutAnySms() {
        var at = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 10, 10, true);
        Beneficiary walkIn = beneficiaries.registerAtCenter(null, details("Walk In No Phone"), Locale.ENGLISH);

        Appointment appointment = appointments.bookWalkIn(walkIn, at.session.id(), 1);
        var outcome = vaccinations.record(at.dose(walkIn, 1, at.lot), at.vaccinator);

        assertThat(walkIn.mobile()).isNull();
        assertThat(walkIn.referenceId()).matches("[1-9][0-9]{13}");
        assertThat(appointment.source()).isEqualTo(Appointment.Source.WALK_IN);
        assertThat(outcome).isInstanceOf(DoseOutcome.Accepted.class);
        assertThat(appointments.find(appointment.id()).orElseThrow().status()).isEqualTo(Appointment.Status.VACCINATED);
        assertThat(jdbc.sql("select count(*) from outbox_messages where dedupe_key like ?").param("%" + walkIn.id() + "%")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aWalkInWithAPhoneGetsTheSecondDoseReminder() {
        var at = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 10, 10, true);
        Beneficiary walkIn = beneficiaries.registerAtCenter(ConsoleFixtures.newMobile(), details("Walk In Phone"), Locale.forLanguageTag("hi"));
        appointments.bookWalkIn(walkIn, at.session.id(), 1);

        vaccinations.record(at.dose(walkIn, 1, at.lot), at.vaccinator);

        assertThat(jdbc.sql("select language || ' ' || status from outbox_messages where dedupe_key = ?")
                .param("dose-due:" + walkIn.id() + ":2").query(String.class).single()).isEqualTo("hi SCHEDULED");
    }

    @Test
    void walkInsRacingForTheLastPlacesNeverOverbookTheSession() throws Exception {
        var at = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 3, 0, true);
        List<Beneficiary> people = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            people.add(at.personBornIn(1990));
        }
        var start = new CountDownLatch(1);
        List<Callable<Boolean>> tasks = people.stream().<Callable<Boolean>>map(person -> () -> {
            start.await();
            try {
                appointments.bookWalkIn(person, at.session.id(), 1);
                return true;
            } catch (BookingRefusedException full) {
                assertThat(full.full()).isTrue();
                return false;
            }
        }).toList();
        int booked = 0;
        try (var threads = Executors.newFixedThreadPool(12)) {
            List<Future<Boolean>> results = tasks.stream().map(threads::submit).toList();
            start.countDown();
            for (Future<Boolean> result : results) {
                booked += result.get() ? 1 : 0;
            }
        }

        assertThat(booked).isEqualTo(3);
        assertThat(sessions.find(at.session.id()).orElseThrow().dose1Booked()).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from appointments where session_id = ?").param(at.session.id()).query(Integer.class).single())
                .isEqualTo(3);
    }

    @Test
    void markingNoShowsGivesTheirPlacesBackAndTellsThemBySms() {
        var at = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 10, 10, true);
        Beneficiary came = at.personBornIn(1980);
        Beneficiary missed = at.personBornIn(1981);
        Appointment cameAppointment = appointments.bookWalkIn(came, at.session.id(), 1);
        Appointment missedAppointment = appointments.bookWalkIn(missed, at.session.id(), 1);
        appointments.checkIn(cameAppointment.id());
        vaccinations.record(at.dose(came, 1, at.lot), at.vaccinator);

        List<Appointment> marked = appointments.markNoShows(at.session.id());

        assertThat(marked).extracting(Appointment::id).containsExactly(missedAppointment.id());
        assertThat(appointments.find(missedAppointment.id()).orElseThrow().status()).isEqualTo(Appointment.Status.NO_SHOW);
        assertThat(appointments.find(cameAppointment.id()).orElseThrow().status()).isEqualTo(Appointment.Status.VACCINATED);
        assertThat(sessions.find(at.session.id()).orElseThrow().dose1Booked()).isEqualTo(1);
        assertThat(jdbc.sql("select text from outbox_messages where dedupe_key = ?").param("missed:" + missedAppointment.id())
                .query(String.class).single()).contains("Console Person").contains("missed the dose 1").contains(at.center.name());
        assertThat(appointments.markNoShows(at.session.id())).isEmpty();
        assertThatThrownBy(() -> appointments.checkIn(missedAppointment.id()))
                .isInstanceOf(BookingRefusedException.class).hasMessageContaining("booking.error.cannot-check-in");
    }

    private static NewBeneficiary details(String name) {
        return new NewBeneficiary(name, 1975, Gender.FEMALE, PhotoIdType.VOTER_ID,
                "TKW" + String.format("%07d", IDS.incrementAndGet() % 10_000_000L), 624, 211001);
    }
}
