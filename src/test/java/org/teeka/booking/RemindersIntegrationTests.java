package org.teeka.booking;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.teeka.IntegrationTest;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.center.Centers;
import org.teeka.session.Session;
import org.teeka.session.Sessions;
import org.teeka.smsc.SmscSimulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The day-before reminder: scheduled with the booking, withdrawn with it, sent when due. */
@IntegrationTest
class RemindersIntegrationTests {

    private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

    @Autowired
    Bookings bookings;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    Centers centers;

    @Autowired
    Sessions sessions;

    @Autowired
    SmscSimulator smsc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    private BookingFixtures fixtures;
    private final LocalDate inFourDays = LocalDate.now(INDIA).plusDays(4);

    @BeforeEach
    void setUp() {
        fixtures = new BookingFixtures(beneficiaries, centers, sessions);
    }

    @Test
    void aBookingSchedulesExactlyOneReminderAtNineTheDayBefore() {
        Beneficiary person = fixtures.residentBornIn(1990);
        Session session = fixtures.sessionWithPlaces(inFourDays, "COVAXIN", 10, 0, 18, null);

        Appointment appointment = book(person, session);

        var reminders = reminders(person.mobile());
        assertThat(reminders).hasSize(1);
        assertThat(reminders.getFirst().get("dedupe_key")).isEqualTo("reminder:" + appointment.id());
        assertThat(reminders.getFirst().get("status")).isEqualTo("SCHEDULED");
        assertThat(instant(reminders.getFirst().get("not_before")))
                .isEqualTo(inFourDays.minusDays(1).atTime(LocalTime.of(9, 0)).atZone(INDIA).toInstant());
        assertThat(reminders.getFirst().get("appointment_id")).isEqualTo(appointment.id());
        assertThat(reminders.getFirst().get("district_id")).isEqualTo(624);
        assertThat(reminders.getFirst().get("center_id")).isEqualTo(session.centerId());
        assertThat(reminders.getFirst().get("text").toString())
                .startsWith("Teeka reminder: Test Person, dose 1 is tomorrow").contains("09:00–17:00").contains("Booking Test");
    }

    @Test
    void cancellingWithdrawsTheReminder() {
        Beneficiary person = fixtures.residentBornIn(1990);
        Session session = fixtures.sessionWithPlaces(inFourDays, "COVAXIN", 10, 0, 18, null);
        Appointment appointment = book(person, session);

        bookings.cancel(person.mobile(), appointment.id(), Locale.ENGLISH);

        assertThat(reminders(person.mobile())).singleElement()
                .satisfies(row -> assertThat(row.get("status")).isEqualTo("WITHDRAWN"));
    }

    @Test
    void reschedulingWithdrawsTheOldReminderAndSchedulesTheNewOne() {
        Beneficiary person = fixtures.residentBornIn(1990);
        Session first = fixtures.sessionWithPlaces(inFourDays, "COVAXIN", 10, 0, 18, null);
        Session later = fixtures.sessionWithPlaces(inFourDays.plusDays(2), "COVAXIN", 10, 0, 18, null);
        Appointment old = book(person, first);

        Appointment moved = bookings.reschedule(person.mobile(), old.id(), later.id(), 1, null, Locale.ENGLISH);

        var byKey = new java.util.HashMap<Object, Map<String, Object>>();
        reminders(person.mobile()).forEach(row -> byKey.put(row.get("dedupe_key"), row));
        assertThat(byKey).hasSize(2);
        assertThat(byKey.get("reminder:" + old.id()).get("status")).isEqualTo("WITHDRAWN");
        assertThat(byKey.get("reminder:" + moved.id()).get("status")).isEqualTo("SCHEDULED");
        assertThat(instant(byKey.get("reminder:" + moved.id()).get("not_before")))
                .isEqualTo(inFourDays.plusDays(1).atTime(LocalTime.of(9, 0)).atZone(INDIA).toInstant());
    }

    @Test
    void bulkAllocationSchedulesOneReminderPerPersonBooked() {
        Session session = fixtures.sessionWithPlaces(inFourDays, "COVAXIN", 10, 0, 18, null);
        Beneficiary one = fixtures.residentBornIn(1980);
        Beneficiary two = fixtures.residentBornIn(1981);

        var slips = transaction.execute(status -> bookings.allocate(List.of(
                        new AllocationRequest(one, session.centerId(), Locale.ENGLISH),
                        new AllocationRequest(two, session.centerId(), Locale.forLanguageTag("hi"))),
                Set.of(session.centerId()), "COVAXIN", 1));

        assertThat(slips).allSatisfy(slip -> assertThat(slip).isPresent());
        for (Beneficiary person : List.of(one, two)) {
            assertThat(reminders(person.mobile())).singleElement().satisfies(row -> {
                assertThat(row.get("status")).isEqualTo("SCHEDULED");
                assertThat(instant(row.get("not_before"))).isEqualTo(inFourDays.minusDays(1).atTime(9, 0).atZone(INDIA).toInstant());
            });
        }
        assertThat(reminders(two.mobile()).getFirst().get("text").toString()).startsWith("टीका अनुस्मारक");
    }

    @Test
    void aReminderBecomesPendingWhenDueAndReachesTheSmsc() {
        Beneficiary person = fixtures.residentBornIn(1990);
        Session session = fixtures.sessionWithPlaces(inFourDays, "COVAXIN", 10, 0, 18, null);
        Appointment appointment = book(person, session);
        // the day before has come: the row is due a moment from now, as the clock would make it
        jdbc.sql("update outbox_messages set not_before = now() + interval '1 second' where dedupe_key = ?")
                .param("reminder:" + appointment.id()).update();

        await().atMost(Duration.ofSeconds(30)).until(() -> smsc.messagesTo(person.mobile(), 10).stream()
                .anyMatch(m -> m.text().startsWith("Teeka reminder:")));
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("SUBMITTED", "DELIVERED")
                .contains(reminders(person.mobile()).getFirst().get("status")));
    }

    @Test
    void aMissedAppointmentIsToldOnceWithHowToBookAgain() {
        Beneficiary person = fixtures.residentBornIn(1990);
        Session session = fixtures.sessionWithPlaces(inFourDays, "COVAXIN", 10, 0, 18, null);
        Appointment appointment = book(person, session);

        assertThat(bookings.tellMissed(appointment.id())).isTrue();
        assertThat(bookings.tellMissed(appointment.id())).isFalse();

        var missed = jdbc.sql("select text, status, appointment_id from outbox_messages where dedupe_key = ?")
                .param("missed:" + appointment.id()).query().listOfRows();
        assertThat(missed).singleElement().satisfies(row -> {
            assertThat(row.get("text").toString()).contains("missed the dose 1 appointment").contains("Book again");
            assertThat(row.get("appointment_id")).isEqualTo(appointment.id());
        });
        assertThat(reminders(person.mobile())).singleElement()
                .satisfies(row -> assertThat(row.get("status")).isEqualTo("WITHDRAWN"));
    }

    private Appointment book(Beneficiary person, Session session) {
        return bookings.book(person.mobile(), person.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);
    }

    private List<Map<String, Object>> reminders(String mobile) {
        return jdbc.sql("""
                        select dedupe_key, status, not_before, text, appointment_id, district_id, center_id
                        from outbox_messages where mobile = ? and template = 'sms.appointment-reminder' order by created_at""")
                .param(mobile).query().listOfRows();
    }

    private static Instant instant(Object value) {
        return value instanceof java.sql.Timestamp t ? t.toInstant() : ((java.time.OffsetDateTime) value).toInstant();
    }
}
