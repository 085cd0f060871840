package org.teeka.vaccination;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.IntegrationTest;
import org.teeka.account.StaffAccounts;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.center.Centers;
import org.teeka.session.Sessions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two vaccinators record the same person's dose at the same moment, from two devices (two event
 * ids): exactly one record is written, one answer is Accepted and the other Duplicate. Without the
 * partial unique index on (beneficiary, dose) both are Accepted and the person has two dose-1 records.
 */
@IntegrationTest
class DoseRecordingRaceIntegrationTests {

    @Autowired Vaccinations vaccinations;
    @Autowired Lots lots;
    @Autowired Beneficiaries beneficiaries;
    @Autowired Centers centers;
    @Autowired Sessions sessions;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;

    @Test
    void twoVaccinatorsRecordingOneDoseAtOnceWriteOneRecord() throws Exception {
        var at = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 100, 100);
        var people = new ArrayList<Beneficiary>();
        for (int i = 0; i < 20; i++) {
            people.add(at.personBornIn(1985));
        }
        try (var threads = Executors.newFixedThreadPool(2)) {
            for (Beneficiary person : people) {
                var barrier = new CyclicBarrier(2);
                Future<DoseOutcome> first = threads.submit(() -> {
                    barrier.await();
                    return vaccinations.record(at.dose(person, 1, at.lot), at.vaccinator);
                });
                Future<DoseOutcome> second = threads.submit(() -> {
                    barrier.await();
                    return vaccinations.record(at.dose(person, 1, at.lot), at.secondVaccinator);
                });
                List<DoseOutcome> outcomes = List.of(first.get(), second.get());

                assertThat(outcomes).as("outcomes for %s", person.id())
                        .hasOnlyElementsOfTypes(DoseOutcome.Accepted.class, DoseOutcome.Duplicate.class)
                        .filteredOn(DoseOutcome.Accepted.class::isInstance).hasSize(1);
                assertThat(jdbc.sql("select count(*) from dose_records where beneficiary_id = ?").param(person.id())
                        .query(Integer.class).single()).isEqualTo(1);
            }
        }
    }
}
