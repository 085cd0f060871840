package org.teeka.vaccination;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.IntegrationTest;
import org.teeka.account.StaffAccounts;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.booking.Appointment;
import org.teeka.booking.Bookings;
import org.teeka.booking.CenterAppointments;
import org.teeka.center.Centers;
import org.teeka.session.Sessions;

import org.teeka.notification.Priority;
import org.teeka.notification.Sms;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.teeka.vaccination.ConsoleFixtures.today;

@IntegrationTest
class VaccinationsIntegrationTests {

    @Autowired Vaccinations vaccinations;
    @Autowired DoseRecords doseRecords;
    @Autowired Lots lots;
    @Autowired Beneficiaries beneficiaries;
    @Autowired Centers centers;
    @Autowired Sessions sessions;
    @Autowired StaffAccounts accounts;
    @Autowired Bookings bookings;
    @Autowired CenterAppointments appointments;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.transaction.support.TransactionTemplate transaction;
    @Autowired org.teeka.notification.Outbox outbox;

    private ConsoleFixtures at;

    @BeforeEach
    void setUp() {
        at = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 100, 100);
    }

    @Test
    void recordsADoseWithItsLotSessionVaccinatorAndTime() {
        Beneficiary person = at.personBornIn(1980);
        DoseEntry entry = at.dose(person, 1, at.lot.toLowerCase(Locale.ROOT));

        var outcome = vaccinations.record(entry, at.vaccinator);

        assertThat(outcome).isInstanceOf(DoseOutcome.Accepted.class);
        DoseRecord record = ((DoseOutcome.Accepted) outcome).record();
        assertThat(record.lotNumber()).isEqualTo(at.lot);
        assertThat(record.sessionId()).isEqualTo(at.session.id());
        assertThat(record.vaccinatorId()).isEqualTo(at.vaccinator.id());
        assertThat(record.centerId()).isEqualTo(at.center.id());
        assertThat(record.eventId()).isEqualTo(entry.eventId());
        assertThat(record.givenOn()).isEqualTo(today());
    }

    @Test
    void aReplayedEventIdReturnsTheFirstRecordAsADuplicate() {
        Beneficiary person = at.personBornIn(1980);
        DoseEntry entry = at.dose(person, 1, at.lot);
        var first = (DoseOutcome.Accepted) vaccinations.record(entry, at.vaccinator);

        var again = vaccinations.record(entry, at.vaccinator);

        assertThat(again).isEqualTo(new DoseOutcome.Duplicate(first.record()));
        assertThat(count("select count(*) from dose_records where beneficiary_id = ?", person.id())).isEqualTo(1);
    }

    @Test
    void theSameDoseWithTheSameFactsUnderAnotherEventIsADuplicate() {
        Beneficiary person = at.personBornIn(1980);
        var first = (DoseOutcome.Accepted) vaccinations.record(at.dose(person, 1, at.lot), at.vaccinator);

        var second = vaccinations.record(at.dose(person, 1, at.lot), at.secondVaccinator);

        assertThat(second).isEqualTo(new DoseOutcome.Duplicate(first.record()));
    }

    @Test
    void theSameDoseWithAnotherLotIsAConflictKeptForTheManager() {
        Beneficiary person = at.personBornIn(1980);
        var first = (DoseOutcome.Accepted) vaccinations.record(at.dose(person, 1, at.lot), at.vaccinator);
        DoseEntry other = at.dose(person, 1, at.otherLot);

        var second = vaccinations.record(other, at.secondVaccinator);
        var replayed = vaccinations.record(other, at.secondVaccinator);

        assertThat(second).isEqualTo(new DoseOutcome.Conflict(first.record(), "vaccination.conflict.lot"));
        assertThat(replayed).isEqualTo(second);
        assertThat(vaccinations.conflictsAt(at.center.id(), at.manager)).singleElement()
                .satisfies(c -> assertThat(c.eventId()).isEqualTo(other.eventId()));
        assertThat(count("select count(*) from dose_records where beneficiary_id = ?", person.id())).isEqualTo(1);
    }

    @Test
    void refusesAnUnknownAnExpiredAndAnotherVaccinesLot() {
        Beneficiary person = at.personBornIn(1980);

        assertThat(vaccinations.record(at.dose(person, 1, "NO-SUCH-LOT"), at.vaccinator))
                .isEqualTo(DoseOutcome.Refused.of("vaccination.error.lot-unknown", "NO-SUCH-LOT"));
        assertThat(vaccinations.record(at.dose(person, 1, at.expiredLot), at.vaccinator))
                .isEqualTo(DoseOutcome.Refused.of("vaccination.error.lot-expired", at.expiredLot, today().minusDays(1).toString()));
        assertThat(vaccinations.record(at.dose(person, 1, at.covaxinLot), at.vaccinator))
                .isEqualTo(DoseOutcome.Refused.of("vaccination.error.lot-other-vaccine", at.covaxinLot, "Covaxin"));
        assertThat(doseRecords.of(person.id())).isEmpty();
    }

    @Test
    void refusesASecondDoseTooEarlyAndOneOfAnotherVaccine() {
        Beneficiary early = at.personBornIn(1980);
        doseRecords.record(early.id(), 1, "COVISHIELD", today().minusDays(10), null);
        Beneficiary covaxin = at.personBornIn(1980);
        doseRecords.record(covaxin.id(), 1, "COVAXIN", today().minusDays(100), null);

        assertThat(vaccinations.record(at.dose(early, 2, at.lot), at.vaccinator))
                .isEqualTo(DoseOutcome.Refused.of("booking.error.too-early", 84, today().minusDays(10).plusDays(84).toString()));
        assertThat(vaccinations.record(at.dose(covaxin, 2, at.lot), at.vaccinator))
                .isEqualTo(DoseOutcome.Refused.of("booking.error.other-vaccine", "COVAXIN"));
    }

    @Test
    void refusesADoseOfAnotherCenterOrDayOrByStaffWhoDoNotVaccinate() {
        Beneficiary person = at.personBornIn(1980);
        var elsewhere = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 5, 5);
        DoseEntry yesterday = new DoseEntry(UUID.randomUUID(), person.id(), 1, "COVISHIELD", at.lot, at.session.id(),
                Instant.now().minusSeconds(86_400 * 2), null);

        assertThat(vaccinations.record(at.dose(person, 1, at.lot), elsewhere.vaccinator))
                .isEqualTo(DoseOutcome.Refused.of("vaccination.error.session-unknown"));
        assertThat(vaccinations.record(yesterday, at.vaccinator))
                .isEqualTo(DoseOutcome.Refused.of("vaccination.error.not-session-day", today().toString()));
        assertThat(vaccinations.record(at.dose(person, 1, at.lot), accounts.find("district.prayagraj").orElseThrow()))
                .isEqualTo(DoseOutcome.Refused.of("vaccination.error.not-allowed"));
    }

    @Test
    void schedulesTheSecondDoseReminderAndWithdrawsItWhenTheSecondDoseIsGiven() {
        Beneficiary person = at.personBornIn(1980);
        vaccinations.record(at.dose(person, 1, at.lot), at.vaccinator);

        String key = "dose-due:" + person.id() + ":2";
        assertThat(jdbc.sql("select status from outbox_messages where dedupe_key = ?").param(key).query(String.class).single())
                .isEqualTo("SCHEDULED");
        assertThat(jdbc.sql("select cast(not_before as date) from outbox_messages where dedupe_key = ?").param(key)
                .query(java.time.LocalDate.class).single()).isEqualTo(today().plusDays(84));

    }

    @Test
    void withdrawsTheReminderWhenTheSecondDoseIsGivenBeforeItGoes() {
        Beneficiary person = at.personBornIn(1980);
        doseRecords.record(person.id(), 1, "COVISHIELD", today().minusDays(90), null);
        String key = "dose-due:" + person.id() + ":2";
        // the reminder dose 1 scheduled, still waiting (due tomorrow, say: the person came early)
        transaction.executeWithoutResult(status -> outbox.enqueue(new Sms(person.mobile(), "sms.dose-two-due", Locale.ENGLISH,
                java.util.List.of("Console Person", 2, "Covishield", "tomorrow", person.referenceId()), key, Priority.TRANSACTIONAL)
                .dueAt(Instant.now().plusSeconds(86_400))));

        assertThat(vaccinations.record(at.dose(person, 2, at.lot), at.vaccinator)).isInstanceOf(DoseOutcome.Accepted.class);

        assertThat(jdbc.sql("select status from outbox_messages where dedupe_key = ?").param(key).query(String.class).single())
                .isEqualTo("WITHDRAWN");
        assertThat(count("select count(*) from outbox_messages where dedupe_key = ?", "dose-due:" + person.id() + ":3")).isZero();
    }

    @Test
    void marksTheAppointmentVaccinated() {
        Beneficiary person = at.personBornIn(1980);
        Appointment walkIn = appointments.bookWalkIn(person, at.session.id(), 1);
        appointments.checkIn(walkIn.id());

        vaccinations.record(at.dose(person, 1, at.lot), at.vaccinator);

        assertThat(appointments.find(walkIn.id()).orElseThrow().status()).isEqualTo(Appointment.Status.VACCINATED);
        assertThatThrownBy(() -> appointments.checkIn(walkIn.id())).hasMessageContaining("booking.error.cannot-check-in");
    }

    @Test
    void aCorrectionIsANewRecordPointingAtTheOriginalWithItsReason() {
        Beneficiary person = at.personBornIn(1980);
        var original = ((DoseOutcome.Accepted) vaccinations.record(at.dose(person, 1, at.lot), at.vaccinator)).record();

        DoseRecord corrected = vaccinations.correct(original.id(), "COVISHIELD", at.otherLot, "Wrong vial noted", at.manager);

        assertThat(doseRecords.of(person.id())).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(corrected.id());
            assertThat(d.lotNumber()).isEqualTo(at.otherLot);
        });
        assertThat(jdbc.sql("select lot_number from dose_records where id = ?").param(original.id()).query(String.class).single())
                .isEqualTo(at.lot);
        assertThatThrownBy(() -> vaccinations.correct(original.id(), "COVISHIELD", at.lot, "again", at.manager))
                .hasMessageContaining("vaccination.error.already-corrected");
        assertThatThrownBy(() -> vaccinations.correct(corrected.id(), "COVISHIELD", at.lot, "undo", at.vaccinator))
                .hasMessageContaining("vaccination.error.not-allowed");
    }

    private int count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Integer.class).single();
    }
}
