package org.teeka.vaccination;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.IntegrationTest;
import org.teeka.account.StaffAccounts;
import org.teeka.account.StaffPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.ReferenceId;
import org.teeka.booking.Appointment;
import org.teeka.booking.CenterAppointments;
import org.teeka.center.Centers;
import org.teeka.session.Sessions;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class LookupsIntegrationTests {

    @Autowired Lookups lookups;
    @Autowired StaffAlerts alerts;
    @Autowired LookupSettings settings;
    @Autowired CenterAppointments appointments;
    @Autowired Lots lots;
    @Autowired Beneficiaries beneficiaries;
    @Autowired Centers centers;
    @Autowired Sessions sessions;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;

    private ConsoleFixtures at;

    @BeforeEach
    void setUp() {
        at = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 100, 100);
    }

    @Test
    void findsByReferenceIdAndAuditsFoundAndNotFound() {
        Beneficiary person = at.personBornIn(1980);

        assertThat(lookups.byReference(person.referenceId(), at.center.id(), at.vaccinator)).get()
                .satisfies(f -> assertThat(f.beneficiary().id()).isEqualTo(person.id()));
        String unknown = ReferenceId.generate(new Random(7)).value();
        assertThat(lookups.byReference(unknown, at.center.id(), at.vaccinator)).isEmpty();

        assertThat(audit(at.vaccinator)).containsExactly(
                "REFERENCE_ID " + person.referenceId() + " FOUND", "REFERENCE_ID " + unknown + " NOT_FOUND");
    }

    @Test
    void findsByAppointmentCodeOnlyWithItsSecurityCode() {
        Beneficiary person = at.personBornIn(1980);
        Appointment appointment = appointments.bookWalkIn(person, at.session.id(), 1);
        String wrong = appointment.securityCode().equals("0000") ? "1111" : "0000";

        assertThatThrownBy(() -> lookups.byAppointment(appointment.shortCode(), wrong, List.of(at.session.id()), at.center.id(), at.vaccinator))
                .hasMessageContaining("console.error.security-code-wrong");
        assertThat(lookups.byAppointment(appointment.shortCode().toLowerCase(), appointment.securityCode(), List.of(at.session.id()),
                at.center.id(), at.vaccinator)).get().satisfies(f -> assertThat(f.appointment()).contains(appointment));
        assertThat(lookups.byAppointment(appointment.confirmationNumber(), appointment.securityCode(), List.of(), at.center.id(),
                at.vaccinator)).isEmpty();

        assertThat(audit(at.vaccinator)).containsExactly("APPOINTMENT " + appointment.shortCode() + " WRONG_CODE",
                "APPOINTMENT " + appointment.shortCode().toLowerCase() + " FOUND",
                "APPOINTMENT " + appointment.confirmationNumber() + " NOT_FOUND");
    }

    /**
     * Many lookups from one account at once, as a script would make them: exactly the quota gets
     * through, the rest are blocked and audited, and one alert is raised. Without the condition on
     * the counter's upsert ({@code where used < limit}) every lookup gets through.
     */
    @Test
    void manyConcurrentLookupsFromOneAccountGetExactlyTheQuota() throws Exception {
        StaffPrincipal scraper = at.vaccinator;
        awayFromAWindowEdge();
        int attempts = settings.perWindow() + 40;
        var start = new CountDownLatch(1);
        var unknown = new Random(11);
        List<Callable<Boolean>> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            String reference = ReferenceId.generate(unknown).value();
            tasks.add(() -> {
                start.await();
                try {
                    lookups.byReference(reference, at.center.id(), scraper);
                    return true;
                } catch (Lookups.LookupQuotaExceededException blocked) {
                    return false;
                }
            });
        }
        int allowed = 0;
        try (var threads = Executors.newFixedThreadPool(32)) {
            List<Future<Boolean>> results = tasks.stream().map(threads::submit).toList();
            start.countDown();
            for (Future<Boolean> result : results) {
                if (result.get()) {
                    allowed++;
                }
            }
        }

        assertThat(allowed).isEqualTo(settings.perWindow());
        assertThat(count("select count(*) from staff_lookups where staff_id = ? and result = 'BLOCKED'", scraper.id())).isEqualTo(40);
        assertThat(count("select count(*) from staff_lookups where staff_id = ? and result = 'NOT_FOUND'", scraper.id()))
                .isEqualTo(settings.perWindow());
        assertThat(alerts.visibleTo(ConsoleFixtures.PRAYAGRAJ_ADMIN)).filteredOn(a -> a.staffId() == scraper.id()).hasSize(1);
        assertThat(alerts.visibleTo(accounts.find("district.raipur").orElseThrow().scope()))
                .noneMatch(a -> a.staffId() == scraper.id());
        assertThatThrownBy(() -> lookups.byReference(at.personBornIn(1980).referenceId(), at.center.id(), scraper))
                .isInstanceOf(Lookups.LookupQuotaExceededException.class).hasMessageContaining("console.error.lookup-quota");
    }

    private void awayFromAWindowEdge() throws InterruptedException {
        long window = settings.window().toMillis();
        long into = Instant.now().toEpochMilli() % window;
        if (window - into < 20_000) {
            Thread.sleep(window - into + 100);
        }
    }

    private List<String> audit(StaffPrincipal staff) {
        return jdbc.sql("select kind || ' ' || asked || ' ' || result from staff_lookups where staff_id = ? order by id")
                .param(staff.id()).query(String.class).list();
    }

    private int count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Integer.class).single();
    }
}
