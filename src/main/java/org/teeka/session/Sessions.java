package org.teeka.session;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.teeka.account.Permission;
import org.teeka.account.StaffScope;
import org.teeka.center.Center;
import org.teeka.center.Centers;
import org.teeka.platform.TeekaException;
import org.teeka.vaccine.UnknownVaccineException;
import org.teeka.vaccine.VaccineCatalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Plans sessions in bulk and reads a day's sessions within a staff member's scope. */
@Service
public class Sessions {

    private final JdbcClient jdbc;
    private final Centers centers;
    private final VaccineCatalog vaccines;
    private final Clock clock;

    Sessions(JdbcClient jdbc, Centers centers, VaccineCatalog vaccines, Clock clock) {
        this.jdbc = jdbc;
        this.centers = centers;
        this.vaccines = vaccines;
        this.clock = clock;
    }

    /**
     * Creates the plan's sessions at a center the scope covers, all or nothing. A date on which the
     * center already has a session for the same vaccine and minimum age is skipped, not doubled.
     */
    @Transactional
    public PlanResult plan(int centerId, SessionPlan plan, StaffScope scope, String createdBy) {
        Center center = centers.get(centerId, scope);
        scope.require(Permission.MANAGE_SESSIONS);
        vaccines.find(plan.vaccineCode()).orElseThrow(() -> new UnknownVaccineException(plan.vaccineCode()));
        if (plan.fromDate().isBefore(LocalDate.now(clock))) {
            throw new PlanRejectedException("session.error.date-in-past");
        }
        if (plan.startTime().isBefore(center.opensAt()) || plan.endTime().isAfter(center.closesAt())) {
            throw new PlanRejectedException("session.error.outside-opening-hours", center.opensAt(), center.closesAt());
        }
        var slotTimes = plan.slotTimes();
        int[] slotCapacities = plan.slotCapacities();
        var created = new ArrayList<LocalDate>();
        var skipped = new ArrayList<LocalDate>();
        for (LocalDate date : plan.dates()) {
            var id = jdbc.sql("""
                            insert into sessions (id, center_id, state_id, district_id, session_date, vaccine_code, min_age,
                                                  max_age, dose1_capacity, dose2_capacity, created_by)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            on conflict (center_id, session_date, vaccine_code, min_age) do nothing
                            returning id""")
                    .params(UUID.randomUUID(), center.id(), center.stateId(), center.districtId(), date, plan.vaccineCode(),
                            plan.minAge(), plan.maxAge(), plan.dose1Capacity(), plan.dose2Capacity(), createdBy)
                    .query(UUID.class).optional();
            if (id.isEmpty()) {
                skipped.add(date);
                continue;
            }
            for (int i = 0; i < slotTimes.size(); i++) {
                jdbc.sql("insert into session_slots (session_id, slot_no, starts_at, ends_at, capacity) values (?, ?, ?, ?, ?)")
                        .params(id.get(), i + 1, slotTimes.get(i)[0], slotTimes.get(i)[1], slotCapacities[i])
                        .update();
            }
            created.add(date);
        }
        return new PlanResult(List.copyOf(created), List.copyOf(skipped));
    }

    /** The sessions on a date at every center the scope covers, by center and vaccine. */
    public List<Session> on(LocalDate date, StaffScope scope) {
        var sessions = jdbc.sql("""
                        select id, center_id, state_id, district_id, session_date, vaccine_code, min_age, max_age,
                               dose1_capacity, dose2_capacity, dose1_booked, dose2_booked
                        from sessions
                        where session_date = :date and state_id = :state
                          and (cast(:district as integer) is null or district_id = :district)
                          and (cast(:center as integer) is null or center_id = :center)
                        order by district_id, center_id, vaccine_code, min_age""")
                .param("date", date)
                .param("state", scope.stateId())
                .param("district", scope.districtId())
                .param("center", scope.centerId())
                .query(Sessions::session).list();
        return withSlots(sessions);
    }

    /** The sessions of one center the scope covers, from a date on, for the given number of days. */
    public List<Session> atCenter(int centerId, LocalDate from, int days, StaffScope scope) {
        centers.get(centerId, scope);
        var sessions = jdbc.sql("""
                        select id, center_id, state_id, district_id, session_date, vaccine_code, min_age, max_age,
                               dose1_capacity, dose2_capacity, dose1_booked, dose2_booked
                        from sessions
                        where center_id = ? and session_date >= ? and session_date < ?
                        order by session_date, vaccine_code, min_age""")
                .params(centerId, from, from.plusDays(days))
                .query(Sessions::session).list();
        return withSlots(sessions);
    }

    private List<Session> withSlots(List<Session> sessions) {
        if (sessions.isEmpty()) {
            return sessions;
        }
        Map<UUID, List<Slot>> slots = new HashMap<>();
        jdbc.sql("""
                        select session_id, slot_no, starts_at, ends_at, capacity, booked from session_slots
                        where session_id = any(?) order by session_id, slot_no""")
                .param(sessions.stream().map(Session::id).toArray(UUID[]::new))
                .query(rs -> {
                    slots.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Slot(rs.getInt(2), rs.getObject(3, LocalTime.class), rs.getObject(4, LocalTime.class),
                                    rs.getInt(5), rs.getInt(6)));
                });
        return sessions.stream().map(s -> new Session(s.id(), s.centerId(), s.stateId(), s.districtId(), s.date(),
                s.vaccineCode(), s.minAge(), s.maxAge(), s.dose1Capacity(), s.dose2Capacity(), s.dose1Booked(),
                s.dose2Booked(), List.copyOf(slots.getOrDefault(s.id(), List.of())))).toList();
    }

    private static Session session(ResultSet rs, int row) throws SQLException {
        return new Session(rs.getObject("id", UUID.class), rs.getInt("center_id"), rs.getInt("state_id"),
                rs.getInt("district_id"), rs.getObject("session_date", LocalDate.class), rs.getString("vaccine_code"),
                rs.getInt("min_age"), (Integer) rs.getObject("max_age"), rs.getInt("dose1_capacity"),
                rs.getInt("dose2_capacity"), rs.getInt("dose1_booked"), rs.getInt("dose2_booked"), List.of());
    }

    /** A plan that is well-formed but cannot be carried out at this center or on these dates. */
    public static class PlanRejectedException extends TeekaException {

        PlanRejectedException(String code, Object... arguments) {
            super(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, code, arguments);
        }
    }
}
