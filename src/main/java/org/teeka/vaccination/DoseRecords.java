package org.teeka.vaccination;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Reads a beneficiary's doses, and records one. */
@Service
public class DoseRecords {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    DoseRecords(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** The doses in force for the beneficiary (corrected records replaced by their corrections), by dose number. */
    public List<DoseRecord> of(UUID beneficiaryId) {
        return jdbc.sql("""
                        select id, beneficiary_id, dose, vaccine_code, given_on, center_id from dose_records d
                        where beneficiary_id = ?
                          and not exists (select 1 from dose_records c where c.corrects_id = d.id)
                        order by dose""")
                .param(beneficiaryId).query(DoseRecord.class).list();
    }

    /** The doses in force for each of the beneficiaries, as {@link #of(UUID)} reads them for one; with one query. */
    public java.util.Map<UUID, List<DoseRecord>> of(java.util.Collection<UUID> beneficiaryIds) {
        var doses = new java.util.HashMap<UUID, List<DoseRecord>>();
        if (beneficiaryIds.isEmpty()) {
            return doses;
        }
        jdbc.sql("""
                        select id, beneficiary_id, dose, vaccine_code, given_on, center_id from dose_records d
                        where beneficiary_id = any(?)
                          and not exists (select 1 from dose_records c where c.corrects_id = d.id)
                        order by beneficiary_id, dose""")
                .param(beneficiaryIds.toArray(UUID[]::new))
                .query(DoseRecord.class).list()
                .forEach(dose -> doses.computeIfAbsent(dose.beneficiaryId(), id -> new java.util.ArrayList<>()).add(dose));
        return doses;
    }

    /** Records a dose and publishes {@link DoseAdministered} in the same transaction; the database refuses a second record of the same dose. */
    @Transactional
    public DoseRecord record(UUID beneficiaryId, int dose, String vaccineCode, LocalDate givenOn, Integer centerId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into dose_records (id, beneficiary_id, dose, vaccine_code, given_on, center_id) values (?, ?, ?, ?, ?, ?)")
                .params(id, beneficiaryId, dose, vaccineCode, givenOn, centerId).update();
        events.publishEvent(new DoseAdministered(id, beneficiaryId, dose, vaccineCode, givenOn, centerId));
        return new DoseRecord(id, beneficiaryId, dose, vaccineCode, givenOn, centerId);
    }
}
