package org.teeka.beneficiary;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.teeka.IntegrationTest;
import org.teeka.account.Role;
import org.teeka.account.StaffAccounts;
import org.teeka.account.StaffPrincipal;
import org.teeka.account.StaffScope;
import org.teeka.center.Center;
import org.teeka.center.CenterDetails;
import org.teeka.center.Centers;
import org.teeka.center.FeeType;
import org.teeka.session.SessionPlan;
import org.teeka.session.Sessions;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a failure part way leaves. The allocation is made to fail, after it has booked and queued
 * SMS, for any chunk holding a person named "Poison …" (3 rows per chunk in tests): nothing of that
 * chunk may remain, and its rows are written again one by one. An import whose node died is marked
 * failed once stale, keeping the rows it committed.
 */
@IntegrationTest
@Import(ListImportFailureIntegrationTests.PoisonedAllocation.class)
class ListImportFailureIntegrationTests {

    @TestConfiguration
    static class PoisonedAllocation {

        @Bean
        static BeanPostProcessor poisonedListAllocation() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof ListAllocation real) {
                        return (ListAllocation) (people, centerIds, vaccineCode) -> {
                            var placements = real.place(people, centerIds, vaccineCode);
                            if (people.stream().anyMatch(p -> p.beneficiary().name().startsWith("Poison"))) {
                                throw new IllegalStateException("a failure after booking, for the test");
                            }
                            return placements;
                        };
                    }
                    return bean;
                }
            };
        }
    }

    private static final int KANPUR_NAGAR = 664;

    @Autowired
    BeneficiaryLists lists;

    @Autowired
    Centers centers;

    @Autowired
    Sessions sessions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    MockMvc mvc;

    @Test
    void aChunkThatFailsLeavesNothingOfItsRowsAndIsWrittenAgainRowByRow() throws Exception {
        var scope = StaffScope.district(Role.DISTRICT_ADMIN, 34, KANPUR_NAGAR);
        Center center = centers.create(new CenterDetails("Failure Test " + ThreadLocalRandom.current().nextInt(1_000_000), null, "Mall Road",
                null, "Kanpur", null, KANPUR_NAGAR, 208001, new BigDecimal("26.47"), new BigDecimal("80.35"), FeeType.FREE,
                LocalTime.of(9, 0), LocalTime.of(17, 0), Map.of()), scope);
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Asia/Kolkata")).plusDays(1);
        sessions.plan(center.id(), new SessionPlan("COVISHIELD", tomorrow, tomorrow, EnumSet.allOf(DayOfWeek.class), 18, null, 10, 0,
                LocalTime.of(9, 0), LocalTime.of(17, 0), 480), scope, "test");
        String poison = ListFiles.newMobile();
        var file = new ListFiles()
                .person("First Person", ListFiles.newMobile())
                .person("Poison Person", poison)
                .person("Third Person", ListFiles.newMobile())
                .person("Fourth Person", ListFiles.newMobile())
                .person("Fifth Person", ListFiles.newMobile());

        ListImport started = lists.start(null, "poisoned.csv", new ByteArrayResource(file.csv()), KANPUR_NAGAR, List.of(center.id()), null,
                scope, "test", Locale.ENGLISH);
        await().atMost(Duration.ofSeconds(60)).until(() -> !lists.get(started.id(), scope).running());
        ListImport done = lists.get(started.id(), scope);

        assertThat(done.status()).isEqualTo(ListImport.Status.DONE);
        assertThat(done.booked()).isEqualTo(4);
        assertThat(done.rejected()).isEqualTo(1);
        assertThat(lists.refusedRows(done.id(), scope, 10)).singleElement().satisfies(line -> {
            assertThat(line.rowNumber()).isEqualTo(3);
            assertThat(line.reason()).isEqualTo("beneficiary.error.list-row-failed");
        });
        // the places the failed attempts took were given back with everything else they wrote
        assertThat(jdbc.sql("select dose1_booked from sessions where center_id = ?").param(center.id()).query(Integer.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select booked from session_slots sl join sessions s on s.id = sl.session_id where s.center_id = ?")
                .param(center.id()).query(Integer.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from beneficiaries where mobile = ?").param(poison).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from citizen_accounts where mobile = ? and members > 0").param(poison).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from outbox_messages where mobile = ?").param(poison).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("""
                        select count(*) from appointments a join sessions s on s.id = a.session_id where s.center_id = ?""")
                .param(center.id()).query(Integer.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from beneficiary_import_rows where import_id = ?").param(done.id()).query(Integer.class).single())
                .isEqualTo(5);
    }

    @Test
    void anImportWhoseNodeDiedIsMarkedFailedOnceStaleKeepingWhatItCommitted() throws Exception {
        StaffPrincipal admin = accounts.find("district.prayagraj").orElseThrow();
        long id = jdbc.sql("""
                        insert into beneficiary_imports (state_id, district_id, file_name, file_type, center_ids, language, status,
                                                         rows_total, rows_done, accepted, booked, created_by, updated_at)
                        values (34, 624, 'died.csv', 'CSV', '{}', 'en', 'RUNNING', 1000, 500, 500, 500, 'test', now() - interval '10 minutes')
                        returning id""").query(Long.class).single();

        mvc.perform(get("/staff/lists/{id}", id).with(user(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Stopped part way")))
                .andExpect(content().string(containsString("The import stopped after 500 rows when the server stopped.")))
                .andExpect(content().string(containsString("Upload the same file again to import the rest")));
        ListImport failed = lists.get(id, admin.scope());
        assertThat(failed.status()).isEqualTo(ListImport.Status.FAILED);
        assertThat(failed.booked()).isEqualTo(500);
    }
}
