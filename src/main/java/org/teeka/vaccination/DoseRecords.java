package org.teeka.vaccination;

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

    DoseRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    /** Records a dose; the database refuses a second record of the same dose. */
    @Transactional
    public DoseRecord record(UUID beneficiaryId, int dose, String vaccineCode, LocalDate givenOn, Integer centerId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into dose_records (id, beneficiary_id, dose, vaccine_code, given_on, center_id) values (?, ?, ?, ?, ?, ?)")
                .params(id, beneficiaryId, dose, vaccineCode, givenOn, centerId).update();
        return new DoseRecord(id, beneficiaryId, dose, vaccineCode, givenOn, centerId);
    }
}
