package org.teeka.vaccine;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.teeka.IntegrationTest;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue kept in memory: an edit made here applies at once, one made through another node within the time it is kept. */
@IntegrationTest
class VaccineCatalogIntegrationTests {

    @Autowired
    VaccineCatalog catalog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void anEditMadeHereAppliesAtOnce() {
        Vaccine before = catalog.find("COVAXIN").orElseThrow();
        VaccineRules rules = VaccineRules.of(before);
        try {
            catalog.update("COVAXIN", new VaccineRules(rules.doses(), 35, rules.maxIntervalDays(), rules.minAge(), rules.maxAge()), "state.up");

            assertThat(catalog.find("COVAXIN").orElseThrow().minIntervalDays()).isEqualTo(35);
            assertThat(catalog.all()).filteredOn(v -> v.code().equals("COVAXIN")).singleElement()
                    .extracting(Vaccine::minIntervalDays).isEqualTo(35);
        } finally {
            catalog.update("COVAXIN", rules, "state.up");
        }
        assertThat(catalog.find("COVAXIN")).contains(before);
    }

    @Test
    void anEditMadeThroughAnotherNodeAppliesOnceTheCatalogueKeptHereIsOld() {
        var nanos = new AtomicLong();
        var kept = new VaccineCatalog(jdbc, Duration.ofSeconds(10), nanos::get);
        int interval = kept.find("COVAXIN").orElseThrow().minIntervalDays();

        // the other node's edit, seen by this transaction only and rolled back, so no other test ever sees it
        transactions.executeWithoutResult(status -> {
            jdbc.sql("update vaccines set min_interval_days = min_interval_days + 7 where code = 'COVAXIN'").update();
            nanos.addAndGet(Duration.ofSeconds(9).toNanos());
            assertThat(kept.find("COVAXIN").orElseThrow().minIntervalDays()).as("kept").isEqualTo(interval);
            nanos.addAndGet(Duration.ofSeconds(1).toNanos());
            assertThat(kept.find("COVAXIN").orElseThrow().minIntervalDays()).as("read again").isEqualTo(interval + 7);
            status.setRollbackOnly();
        });
        assertThat(kept.find("UNKNOWN")).isEmpty();
    }
}
