package org.teeka.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
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
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/** Plans sessions in bulk and reads a day's sessions within a staff member's scope. */
@Service
public class Sessions {

    private static final String COLUMNS = """
            id, center_id, state_id, district_id, session_date, vaccine_code, min_age, max_age,
            dose1_capacity, dose2_capacity, dose1_booked, dose2_booked""";

    private final JdbcClient jdbc;
    private final Centers centers;
    private final VaccineCatalog vaccines;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;
    /** Sessions read lately, for {@link #findPlanned}: a launch-day storm asks for the same few sessions thousands of times. */
    private final Cache<UUID, Session> planned = Caffeine.newBuilder().maximumSize(20_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    Sessions(JdbcClient jdbc, Centers centers, VaccineCatalog vaccines, Clock clock,
             org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.centers = centers;
        this.vaccines = vaccines;
        this.clock = clock;
        this.events = events;
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
        if (!created.isEmpty()) {
            events.publishEvent(new SessionsPlanned(center.id(), center.districtId(), List.copyOf(created)));
        }
        return new PlanResult(List.copyOf(created), List.copyOf(skipped));
    }

    /** The sessions on a date at every center the scope covers, by center and vaccine. */
    public List<Session> on(LocalDate date, StaffScope scope) {
        var sessions = jdbc.sql("select " + COLUMNS + """

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
        var sessions = jdbc.sql("select " + COLUMNS + """

                        from sessions
                        where center_id = ? and session_date >= ? and session_date < ?
                        order by session_date, vaccine_code, min_age""")
                .params(centerId, from, from.plusDays(days))
                .query(Sessions::session).list();
        return withSlots(sessions);
    }

    public Optional<Session> find(UUID id) {
        return withSlots(jdbc.sql("select " + COLUMNS + """

                        from sessions where id = ?""")
                .param(id).query(Sessions::session).list()).stream().findFirst();
    }

    /**
     * A session as planned, from memory when it was read lately: its center, date, vaccine, age
     * band, capacities and slots never change once planned, but the counters of a session from
     * memory may be stale. For the checks ahead of a booking (which locks the session and counts
     * its places itself); read {@link #find} where the places left matter.
     */
    public Optional<Session> findPlanned(UUID id) {
        Session known = planned.getIfPresent(id);
        if (known != null) {
            return Optional.of(known);
        }
        var found = find(id);
        found.ifPresent(session -> planned.put(id, session));
        return found;
    }

    /**
     * Takes one place for the dose in the session and slot, if one is free: two conditional
     * updates in the caller's transaction. False when either is full; nothing is then changed.
     * Doses after the second count against the second dose's places.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean take(UUID sessionId, int slotNo, int dose) {
        String column = dose == 1 ? "dose1" : "dose2";
        int session = jdbc.sql("update sessions set " + column + "_booked = " + column + "_booked + 1 where id = ? and "
                        + column + "_booked < " + column + "_capacity")
                .param(sessionId).update();
        if (session == 0) {
            return false;
        }
        int slot = jdbc.sql("update session_slots set booked = booked + 1 where session_id = ? and slot_no = ? and booked < capacity")
                .params(sessionId, slotNo).update();
        if (slot == 0) {
            jdbc.sql("update sessions set " + column + "_booked = " + column + "_booked - 1 where id = ?").param(sessionId).update();
            return false;
        }
        return true;
    }

    /**
     * The open sessions an allocation may use, locked for the caller's transaction: those matching
     * the search (a dose with places left), at any number. Until the transaction ends nobody else
     * takes or gives back a place in them, so places counted now can all be taken with
     * {@link #takeAll}. They are locked in id order, as every locker of several sessions should, so
     * two allocations never deadlock each other; a lock lost to a citizen's reschedule (which locks
     * two sessions in its own order) ends in PostgreSQL's deadlock error, for the caller to retry.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Session> lockOpen(SessionSearch search) {
        return matching(search, "order by s.id for update");
    }

    /**
     * The sessions with these ids, with their slots, locked for the caller's transaction against
     * any other change of their counters: until it ends nobody else takes or gives back a place in
     * them, so places counted now can all be taken with {@link #takeAll}. Locked in id order, as
     * {@link #lockOpen} does, so lockers of several sessions never deadlock each other. The lock
     * ({@code for no key update}) does not block appointments referring to the sessions. Unknown ids
     * are left out.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Session> lock(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // the slots in a statement of their own, once the locks are held: read in the locking statement (a join), their
        // counters would be those of its snapshot, taken before it waited for a lock, not what the holder committed
        return withSlots(jdbc.sql("select " + COLUMNS + " from sessions where id = any(?) order by id for no key update")
                .param(new TreeSet<>(ids).toArray(UUID[]::new)).query(Sessions::session).list());
    }

    /**
     * Takes many places for a dose at once, in the caller's transaction: for each session, for each
     * of its slots, how many. One statement per table; the CHECK constraints refuse the whole batch
     * if it would overbook anything, so call it for sessions locked with {@link #lockOpen} whose
     * places were counted. Doses after the second count against the second dose's places.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void takeAll(Map<UUID, Map<Integer, Integer>> places, int dose) {
        if (places.isEmpty()) {
            return;
        }
        String column = dose == 1 ? "dose1" : "dose2";
        var sessionIds = new ArrayList<UUID>();
        var sessionCounts = new ArrayList<Integer>();
        var slotSessions = new ArrayList<UUID>();
        var slotNumbers = new ArrayList<Integer>();
        var slotCounts = new ArrayList<Integer>();
        places.forEach((session, slots) -> {
            sessionIds.add(session);
            sessionCounts.add(slots.values().stream().mapToInt(Integer::intValue).sum());
            slots.forEach((slot, count) -> {
                slotSessions.add(session);
                slotNumbers.add(slot);
                slotCounts.add(count);
            });
        });
        int sessionsUpdated = jdbc.sql("update sessions s set " + column + "_booked = s." + column + "_booked + c.n "
                        + "from unnest(cast(? as uuid[]), cast(? as integer[])) as c(id, n) where s.id = c.id")
                .params(sessionIds.toArray(UUID[]::new), sessionCounts.toArray(Integer[]::new)).update();
        int slotsUpdated = jdbc.sql("""
                        update session_slots s set booked = s.booked + c.n
                        from unnest(cast(? as uuid[]), cast(? as integer[]), cast(? as integer[])) as c(id, slot, n)
                        where s.session_id = c.id and s.slot_no = c.slot""")
                .params(slotSessions.toArray(UUID[]::new), slotNumbers.toArray(Integer[]::new), slotCounts.toArray(Integer[]::new))
                .update();
        if (sessionsUpdated != sessionIds.size() || slotsUpdated != slotSessions.size()) {
            throw new IllegalStateException("places were taken in sessions or slots that do not exist");
        }
    }

    /** Gives a place taken by {@link #take} back, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void release(UUID sessionId, int slotNo, int dose) {
        String column = dose == 1 ? "dose1" : "dose2";
        jdbc.sql("update sessions set " + column + "_booked = " + column + "_booked - 1 where id = ?").param(sessionId).update();
        jdbc.sql("update session_slots set booked = booked - 1 where session_id = ? and slot_no = ?").params(sessionId, slotNo).update();
    }

    /**
     * Open sessions matching a citizen's search: in a district or at a PIN code, from a date for a
     * number of days, optionally only one vaccine, an age, a dose with places left, free or paid.
     */
    public List<Session> search(SessionSearch search) {
        return matching(search, "order by s.session_date, s.center_id limit 500");
    }

    /** The sessions a search matches (a dose with places left, when one is asked), ordered and limited by {@code tail}. */
    private List<Session> matching(SessionSearch search, String tail) {
        var sessions = jdbc.sql("select " + COLUMNS + """

                        from sessions s
                        where s.session_date >= :from and s.session_date < :until
                          and (cast(:district as integer) is null or s.district_id = :district)
                          and (cast(:centers as integer[]) is null or s.center_id = any(cast(:centers as integer[])))
                          and (cast(:vaccine as text) is null or s.vaccine_code = :vaccine)
                          and (cast(:age as integer) is null or (s.min_age <= :age and (s.max_age is null or s.max_age >= :age)))
                          and (cast(:dose as integer) is null
                               or (:dose = 1 and s.dose1_booked < s.dose1_capacity)
                               or (:dose > 1 and s.dose2_booked < s.dose2_capacity))
                        """ + tail)
                .param("from", search.from())
                .param("until", search.from().plusDays(search.days()))
                .param("district", search.districtId())
                .param("centers", search.centerIds() == null ? null : search.centerIds().toArray(Integer[]::new))
                .param("vaccine", search.vaccineCode())
                .param("age", search.age())
                .param("dose", search.dose())
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
