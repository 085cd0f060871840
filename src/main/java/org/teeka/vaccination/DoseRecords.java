package org.teeka.vaccination;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads a beneficiary's doses, and records one. */
@Service
public class DoseRecords {

    static final String COLUMNS = "d.id, d.beneficiary_id, d.dose, d.vaccine_code, d.given_on, d.center_id, d.lot_number, "
            + "d.session_id, d.vaccinator_id, d.administered_at, d.event_id";
    private static final String IN_FORCE = "not exists (select 1 from dose_records c where c.corrects_id = d.id)";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    DoseRecords(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** The doses in force for the beneficiary (corrected records replaced by their corrections), by dose number. */
    public List<DoseRecord> of(UUID beneficiaryId) {
        return jdbc.sql("select " + COLUMNS + " from dose_records d where beneficiary_id = ? and " + IN_FORCE + " order by dose")
                .param(beneficiaryId).query(DoseRecords::record).list();
    }

    /** The doses in force for each of the beneficiaries, as {@link #of(UUID)} reads them for one; with one query. */
    public Map<UUID, List<DoseRecord>> of(Collection<UUID> beneficiaryIds) {
        var doses = new HashMap<UUID, List<DoseRecord>>();
        if (beneficiaryIds.isEmpty()) {
            return doses;
        }
        jdbc.sql("select " + COLUMNS + " from dose_records d where beneficiary_id = any(?) and " + IN_FORCE + " order by beneficiary_id, dose")
                .param(beneficiaryIds.toArray(UUID[]::new))
                .query(DoseRecords::record).list()
                .forEach(dose -> doses.computeIfAbsent(dose.beneficiaryId(), id -> new ArrayList<>()).add(dose));
        return doses;
    }

    /** How many doses in force each session gave: first doses, and later doses (counted against the second dose's places). */
    public Map<UUID, int[]> givenIn(Collection<UUID> sessionIds) {
        var given = new HashMap<UUID, int[]>();
        if (sessionIds.isEmpty()) {
            return given;
        }
        jdbc.sql("select session_id, dose = 1, count(*) from dose_records d where session_id = any(?) and " + IN_FORCE
                        + " group by session_id, dose = 1")
                .param(sessionIds.toArray(UUID[]::new))
                .query(rs -> {
                    given.computeIfAbsent(rs.getObject(1, UUID.class), id -> new int[2])[rs.getBoolean(2) ? 0 : 1] += rs.getInt(3);
                });
        return given;
    }

    /** The beneficiary's corrections, oldest first: each from the record it replaced to the correction. */
    public List<DoseCorrection> correctionsOf(UUID beneficiaryId) {
        return jdbc.sql("""
                        select o.id, c.id, c.dose, o.vaccine_code, o.lot_number, c.vaccine_code, c.lot_number, c.corrected_by,
                               c.created_at, c.correction_reason
                        from dose_records c join dose_records o on o.id = c.corrects_id
                        where c.beneficiary_id = ? order by c.dose, c.created_at""")
                .param(beneficiaryId)
                .query((rs, row) -> new DoseCorrection(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), (Long) rs.getObject(8),
                        rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getString(10)))
                .list();
    }

    /** The record written for a client's event id, if any. */
    public Optional<DoseRecord> byEvent(UUID eventId) {
        return jdbc.sql("select " + COLUMNS + " from dose_records d where event_id = ?").param(eventId).query(DoseRecords::record).optional();
    }

    public Optional<DoseRecord> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from dose_records d where id = ?").param(id).query(DoseRecords::record).optional();
    }

    /** The record in force for the beneficiary's dose, if any. */
    public Optional<DoseRecord> inForce(UUID beneficiaryId, int dose) {
        return of(beneficiaryId).stream().filter(d -> d.dose() == dose).findFirst();
    }

    /**
     * Records a dose without console details (an import of earlier doses, tests) and publishes
     * {@link DoseAdministered} in the same transaction; the database refuses a second record of the same dose.
     */
    @Transactional
    public DoseRecord record(UUID beneficiaryId, int dose, String vaccineCode, LocalDate givenOn, Integer centerId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into dose_records (id, beneficiary_id, dose, vaccine_code, given_on, center_id, event_id) values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, beneficiaryId, dose, vaccineCode, givenOn, centerId, id).update();
        events.publishEvent(new DoseAdministered(id, beneficiaryId, dose, vaccineCode, givenOn, centerId));
        return find(id).orElseThrow();
    }

    static DoseRecord record(ResultSet rs, int row) throws SQLException {
        OffsetDateTime at = rs.getObject("administered_at", OffsetDateTime.class);
        return new DoseRecord(rs.getObject("id", UUID.class), rs.getObject("beneficiary_id", UUID.class), rs.getInt("dose"),
                rs.getString("vaccine_code"), rs.getObject("given_on", LocalDate.class), (Integer) rs.getObject("center_id"),
                rs.getString("lot_number"), rs.getObject("session_id", UUID.class), (Long) rs.getObject("vaccinator_id"),
                at == null ? null : at.toInstant(), rs.getObject("event_id", UUID.class));
    }
}
