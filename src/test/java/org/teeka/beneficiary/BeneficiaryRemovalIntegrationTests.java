package org.teeka.beneficiary;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.IntegrationTest;
import org.teeka.account.Role;
import org.teeka.account.StaffScope;
import org.teeka.booking.Appointment;
import org.teeka.booking.Bookings;
import org.teeka.center.CenterDetails;
import org.teeka.center.Centers;
import org.teeka.center.FeeType;
import org.teeka.session.Session;
import org.teeka.session.SessionPlan;
import org.teeka.session.Sessions;
import org.teeka.vaccination.DoseRecords;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class BeneficiaryRemovalIntegrationTests {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);
    private static final StaffScope PRAYAGRAJ = StaffScope.district(Role.DISTRICT_ADMIN, 34, 624);

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    Bookings bookings;

    @Autowired
    DoseRecords doseRecords;

    @Autowired
    Centers centers;

    @Autowired
    Sessions sessions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void removesSomeoneNothingHappenedToAndFreesTheirPlaceInTheFamily() {
        String mobile = newMobile();
        Beneficiary removed = register(mobile, "Removed Person");
        for (int i = 0; i < 3; i++) {
            register(mobile, "Family Member " + i);
        }
        assertThatThrownBy(() -> register(mobile, "Fifth Person")).hasMessageContaining("beneficiary.error.family-full");

        beneficiaries.remove(removed.referenceId(), mobile);

        assertThat(beneficiaries.family(mobile)).extracting(Beneficiary::referenceId).doesNotContain(removed.referenceId()).hasSize(3);
        assertThat(jdbc.sql("select members from citizen_accounts where mobile = ?").param(mobile).query(Integer.class).single()).isEqualTo(3);
        assertThat(register(mobile, "Fifth Person")).isNotNull();
    }

    @Test
    void theRemovedPersonsIdNumberCanBeRegisteredAgain() {
        String mobile = newMobile();
        String voterId = newVoterId();
        Beneficiary first = beneficiaries.register(mobile, details("Same Person", voterId), Locale.ENGLISH);

        beneficiaries.remove(first.referenceId(), mobile);

        assertThat(beneficiaries.register(newMobile(), details("Same Person", voterId), Locale.ENGLISH)).isNotNull();
    }

    @Test
    void refusesToRemoveSomeoneWithAnActiveAppointment() {
        String mobile = newMobile();
        Beneficiary person = register(mobile, "Booked Person");
        Session session = session();
        bookings.book(mobile, person.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);

        assertThatThrownBy(() -> beneficiaries.remove(person.referenceId(), mobile))
                .isInstanceOfSatisfying(Beneficiaries.RemovalRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo("booking.error.beneficiary-has-appointment");
                    assertThat(e.getStatusCode().value()).isEqualTo(409);
                });
        assertThat(beneficiaries.family(mobile)).hasSize(1);
    }

    @Test
    void removesSomeoneWhoseAppointmentWasCancelled() {
        String mobile = newMobile();
        Beneficiary person = register(mobile, "Cancelled Person");
        Session session = session();
        var appointment = bookings.book(mobile, person.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);
        bookings.cancel(mobile, appointment.id(), Locale.ENGLISH);

        beneficiaries.remove(person.referenceId(), mobile);

        assertThat(beneficiaries.family(mobile)).isEmpty();
    }

    @Test
    void refusesToRemoveSomeoneWithADoseOnRecord() {
        String mobile = newMobile();
        Beneficiary person = register(mobile, "Vaccinated Person");
        doseRecords.record(person.id(), 1, "COVISHIELD", LocalDate.now(ZoneId.of("Asia/Kolkata")).minusDays(30), null);

        assertThatThrownBy(() -> beneficiaries.remove(person.referenceId(), mobile))
                .hasMessageContaining("vaccination.error.beneficiary-has-dose");
        assertThat(beneficiaries.family(mobile)).hasSize(1);
    }

    @Test
    void anotherFamilysMemberIsNotFound() {
        Beneficiary person = register(newMobile(), "Someone Else");

        assertThatThrownBy(() -> beneficiaries.remove(person.referenceId(), newMobile()))
                .isInstanceOf(Beneficiaries.BeneficiaryNotFoundException.class);
        assertThat(beneficiaries.find(person.id())).isPresent();
    }

    private Beneficiary register(String mobile, String name) {
        return beneficiaries.register(mobile, details(name, newVoterId()), Locale.ENGLISH);
    }

    private static NewBeneficiary details(String name, String voterId) {
        return new NewBeneficiary(name, 1980, Gender.MALE, PhotoIdType.VOTER_ID, voterId, 624, 211001);
    }

    private Session session() {
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Asia/Kolkata")).plusDays(1);
        var center = centers.create(new CenterDetails("Removal Test " + SEQUENCE.incrementAndGet(), null, "Civil Lines", null,
                "Chaka", null, 624, 211001, new BigDecimal("25.45"), new BigDecimal("81.84"), FeeType.FREE,
                LocalTime.of(9, 0), LocalTime.of(17, 0), Map.of()), PRAYAGRAJ);
        sessions.plan(center.id(), new SessionPlan("COVISHIELD", tomorrow, tomorrow, EnumSet.allOf(DayOfWeek.class), 18, null,
                10, 0, LocalTime.of(9, 0), LocalTime.of(17, 0), 480), PRAYAGRAJ, "test");
        return sessions.atCenter(center.id(), tomorrow, 1, PRAYAGRAJ).getFirst();
    }

    private static String newMobile() {
        return "6" + String.format("%09d", SEQUENCE.incrementAndGet() % 1_000_000_000L);
    }

    private static String newVoterId() {
        return "RMV" + String.format("%07d", SEQUENCE.incrementAndGet() % 10_000_000L);
    }
}
