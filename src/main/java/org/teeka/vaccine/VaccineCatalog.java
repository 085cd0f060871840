package org.teeka.vaccine;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads and edits the vaccine catalogue. The catalogue is a handful of rows read on every booking
 * and search page, and edited a few times a year, so each node keeps it in memory: read once at
 * most every {@link #KEPT_FOR}, and again at once after an edit made here commits. An edit made
 * through another node applies here within {@link #KEPT_FOR}.
 */
@Service
public class VaccineCatalog {

    /** How long a node keeps the catalogue it read. */
    public static final Duration KEPT_FOR = Duration.ofSeconds(10);

    /** The catalogue at one read: in name order, and by code. */
    private record Snapshot(List<Vaccine> byName, Map<String, Vaccine> byCode) {
    }

    private final JdbcClient jdbc;
    private final LoadingCache<Boolean, Snapshot> catalogue;

    @Autowired
    VaccineCatalog(JdbcClient jdbc) {
        this(jdbc, KEPT_FOR, Ticker.systemTicker());
    }

    VaccineCatalog(JdbcClient jdbc, Duration keptFor, Ticker ticker) {
        this.jdbc = jdbc;
        this.catalogue = Caffeine.newBuilder().expireAfterWrite(keptFor).ticker(ticker).build(any -> read());
    }

    public List<Vaccine> all() {
        return catalogue.get(Boolean.TRUE).byName();
    }

    public Optional<Vaccine> find(String code) {
        return Optional.ofNullable(catalogue.get(Boolean.TRUE).byCode().get(code));
    }

    private Snapshot read() {
        List<Vaccine> vaccines = jdbc.sql("""
                select code, name, name_hi, doses, min_interval_days, max_interval_days, min_age, max_age
                from vaccines order by name""").query(Vaccine.class).list();
        return new Snapshot(List.copyOf(vaccines), vaccines.stream().collect(Collectors.toUnmodifiableMap(Vaccine::code, Function.identity())));
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
        // read again once the edit is committed: forgotten before, a read meanwhile would keep the old rules
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                catalogue.invalidateAll();
            }
        });
    }
}
