package org.teeka.vaccine;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/** Reads and edits the vaccine catalogue. */
@Service
public class VaccineCatalog {

    private final JdbcClient jdbc;

    VaccineCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Vaccine> all() {
        return jdbc.sql("""
                select code, name, name_hi, doses, min_interval_days, max_interval_days, min_age, max_age
                from vaccines order by name""").query(Vaccine.class).list();
    }

    public Optional<Vaccine> find(String code) {
        return jdbc.sql("""
                select code, name, name_hi, doses, min_interval_days, max_interval_days, min_age, max_age
                from vaccines where code = ?""").param(code).query(Vaccine.class).optional();
    }

    /** Replaces a vaccine's dose and age rules; the caller has validated them against {@link VaccineRules}. */
    @Transactional
    public void update(String code, VaccineRules rules, String changedBy) {
        int updated = jdbc.sql("""
                        update vaccines set doses = ?, min_interval_days = ?, max_interval_days = ?, min_age = ?, max_age = ?,
                               updated_at = now(), updated_by = ?
                        where code = ?""")
                .params(rules.doses(), rules.minIntervalDays(), rules.maxIntervalDays(), rules.minAge(), rules.maxAge(),
                        changedBy, code)
                .update();
        if (updated == 0) {
            throw new UnknownVaccineException(code);
        }
    }
}
