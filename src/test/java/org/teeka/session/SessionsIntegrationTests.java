package org.teeka.session;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.IntegrationTest;
import org.teeka.account.Role;
import org.teeka.account.StaffScope;
import org.teeka.center.Center;
import org.teeka.center.CenterDetails;
import org.teeka.center.Centers;
import org.teeka.center.FeeType;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class SessionsIntegrationTests {

    private static final StaffScope PRAYAGRAJ_ADMIN = StaffScope.district(Role.DISTRICT_ADMIN, 34, 624);

    @Autowired
    Sessions sessions;

    @Autowired
    Centers centers;

    @Autowired
    JdbcClient jdbc;

    private final LocalDate nextMonday = LocalDate.now(ZoneId.of("Asia/Kolkata")).with(TemporalAdjusters.next(DayOfWeek.MONDAY));

    @Test
    void plansEveryWeekdayForFourWeeksWithTwoHourSlots() {
        Center center = newCenter();
        var plan = SessionPlan.everyWeekday("COVAXIN", nextMonday, 4, 18, null, 100, 0, LocalTime.of(9, 0), LocalTime.of(17, 0), 120);

        PlanResult result = sessions.plan(center.id(), plan, PRAYAGRAJ_ADMIN, "test");

        assertThat(result.created()).hasSize(20).allMatch(d -> d.getDayOfWeek().getValue() <= 5);
        assertThat(result.skipped()).isEmpty();
        var monday = sessions.atCenter(center.id(), nextMonday, 1, PRAYAGRAJ_ADMIN).getFirst();
        assertThat(monday.dose1Capacity()).isEqualTo(100);
        assertThat(monday.slots()).extracting(Slot::startsAt)
                .containsExactly(LocalTime.of(9, 0), LocalTime.of(11, 0), LocalTime.of(13, 0), LocalTime.of(15, 0));
        assertThat(monday.slots()).extracting(Slot::capacity).containsExactly(25, 25, 25, 25);
    }

    @Test
    void sharesAnUnevenDayOutToTheEarlierSlots() {
        Center center = newCenter();
        var plan = new SessionPlan("COVAXIN", nextMonday, nextMonday, EnumSet.of(DayOfWeek.MONDAY), 18, 44, 70, 30,
                LocalTime.of(9, 0), LocalTime.of(16, 0), 120);

        sessions.plan(center.id(), plan, PRAYAGRAJ_ADMIN, "test");

        var session = sessions.atCenter(center.id(), nextMonday, 1, PRAYAGRAJ_ADMIN).getFirst();
        assertThat(session.slots()).extracting(Slot::capacity).containsExactly(34, 33, 33);
        assertThat(session.maxAge()).isEqualTo(44);
    }

    @Test
    void leavesDaysThatAlreadyHaveSuchASessionAsTheyWere() {
        Center center = newCenter();
        var week = SessionPlan.everyWeekday("COVAXIN", nextMonday, 1, 18, null, 100, 0, LocalTime.of(9, 0), LocalTime.of(17, 0), 120);
        sessions.plan(center.id(), week, PRAYAGRAJ_ADMIN, "test");
        var twoWeeks = SessionPlan.everyWeekday("COVAXIN", nextMonday, 2, 18, null, 50, 0, LocalTime.of(9, 0), LocalTime.of(17, 0), 120);

        PlanResult result = sessions.plan(center.id(), twoWeeks, PRAYAGRAJ_ADMIN, "test");

        assertThat(result.created()).hasSize(5);
        assertThat(result.skipped()).hasSize(5);
        assertThat(sessions.atCenter(center.id(), nextMonday, 1, PRAYAGRAJ_ADMIN).getFirst().dose1Capacity()).isEqualTo(100);
    }

    @Test
    void refusesAPlanOutsideOpeningHoursAndWritesNothing() {
        Center center = newCenter();
        var plan = SessionPlan.everyWeekday("COVAXIN", nextMonday, 1, 18, null, 100, 0, LocalTime.of(7, 0), LocalTime.of(17, 0), 120);

        assertThatThrownBy(() -> sessions.plan(center.id(), plan, PRAYAGRAJ_ADMIN, "test"))
                .isInstanceOf(Sessions.PlanRejectedException.class)
                .hasMessageContaining("session.error.outside-opening-hours");
        assertThat(jdbc.sql("select count(*) from sessions where center_id = ?").param(center.id()).query(Integer.class).single()).isZero();
    }

    @Test
    void refusesAPlanForAPastDate() {
        Center center = newCenter();
        var plan = SessionPlan.everyWeekday("COVAXIN", nextMonday.minusWeeks(2), 1, 18, null, 100, 0, LocalTime.of(9, 0), LocalTime.of(17, 0), 120);

        assertThatThrownBy(() -> sessions.plan(center.id(), plan, PRAYAGRAJ_ADMIN, "test"))
                .hasMessageContaining("session.error.date-in-past");
    }

    @Test
    void theDatabaseRefusesMoreBookingsThanPlaces() {
        Center center = newCenter();
        sessions.plan(center.id(), new SessionPlan("COVAXIN", nextMonday, nextMonday, EnumSet.of(DayOfWeek.MONDAY), 18, null,
                2, 0, LocalTime.of(9, 0), LocalTime.of(11, 0), 120), PRAYAGRAJ_ADMIN, "test");
        UUID id = sessions.atCenter(center.id(), nextMonday, 1, PRAYAGRAJ_ADMIN).getFirst().id();

        assertThatThrownBy(() -> jdbc.sql("update sessions set dose1_booked = 3 where id = ?").param(id).update())
                .hasMessageContaining("check constraint");
        assertThatThrownBy(() -> jdbc.sql("update session_slots set booked = 3 where session_id = ?").param(id).update())
                .hasMessageContaining("check constraint");
    }

    private Center newCenter() {
        return centers.create(new CenterDetails("Plan Test " + UUID.randomUUID().toString().substring(0, 6), null, "Civil Lines",
                null, "Chaka", null, 624, 211001, new BigDecimal("25.45"), new BigDecimal("81.84"), FeeType.FREE,
                LocalTime.of(9, 0), LocalTime.of(17, 0), Map.of()), PRAYAGRAJ_ADMIN);
    }
}
