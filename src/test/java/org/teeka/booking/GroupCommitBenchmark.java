package org.teeka.booking;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.teeka.BenchPeople;
import org.teeka.Callers;
import org.teeka.DueSms;
import org.teeka.IntegrationTest;
import org.teeka.Pgbench;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.center.Centers;
import org.teeka.session.Session;
import org.teeka.session.Sessions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What group commit does for one hot session, without HTTP in front of it: the booking engine
 * ({@link Bookings#book}) against the embedded PostgreSQL, beside pgbench's single-row update
 * rate on the same database, in the same run. Not part of the default test run:
 * {@code mvn -B -Pbench test -Dtest=GroupCommitBenchmark} (needs pgbench: Debian's
 * {@code postgresql-15}, as {@code ./teeka bench} installs it);
 * {@code -Dteeka.sms.dispatch.enabled=false} leaves the confirmations in the outbox.
 *
 * <p>The launch-day benchmark ({@code ./teeka bench booking}) books through the CoWIN API, and there
 * the HTTP stack's CPU per request (about 1 ms on these two cores, shared with the generator)
 * bounds the bookings long before the commit does. Here {@code bench.clients} (512) callers book,
 * one booking after another, {@code bench.places} (20,000) people into one session of as many
 * places; then {@code bench.singlePlaces} (3,000) people into another, each booking in a
 * transaction of its own (the engine's batch of one inside a caller's transaction: one commit per
 * booking, as before group commit), with as many callers as the pool has connections. Each is
 * timed from the first call to the last answer, with the CPU the JVM and PostgreSQL used. The
 * result is printed and written to {@code target/benchmarks/group-commit.txt}; the invariants
 * (every place booked once, counters equal to the rows, an SMS for each) are asserted.
 */
@Tag("benchmark")
@IntegrationTest
class GroupCommitBenchmark {

    private static final int PLACES = Integer.getInteger("bench.places", 20_000);
    private static final int SINGLE_PLACES = Integer.getInteger("bench.singlePlaces", 3_000);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 512);
    private static final int PGBENCH_SECONDS = Integer.getInteger("bench.pgbenchSeconds", 10);
    private static final AtomicLong MOBILES = new AtomicLong(7_000_000_000L);

    @Autowired
    Bookings bookings;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    Centers centers;

    @Autowired
    Sessions sessions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    MeterRegistry registry;

    @Value("${teeka.sms.dispatch.enabled}")
    boolean dispatching;

    /** One run: what the callers saw (bookings made, refused, time, CPU), and the batches it took. */
    record Run(String name, Callers.Result result, long batches, double batchMillis) {
    }

    @Test
    void oneHotSessionTakesManyBookingsPerCommit() throws Exception {
        assertThat(Pgbench.installed()).as("pgbench is needed for the anchor: apt-get install postgresql-15").isTrue();
        var fixtures = new BookingFixtures(beneficiaries, centers, sessions);
        String load = Files.readString(Path.of("/proc/loadavg")).strip();

        // the anchor first, on the machine as quiet as the run finds it (afterwards the dispatcher would still be sending the SMS)
        var pgbench = new Pgbench(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword(), Path.of("target", "benchmarks"));
        double pgbench1;
        double pgbench20;
        try (Connection db = dataSource.getConnection()) {
            pgbench1 = pgbench.hotRowTps(db, 1, PGBENCH_SECONDS);
            pgbench20 = pgbench.hotRowTps(db, 20, PGBENCH_SECONDS);
        }
        double anchor = Math.max(pgbench1, pgbench20);

        // the JIT and the pool warmed on a session of their own, not measured
        Session warm = fixtures.sessionWithPlaces(BookingFixtures.tomorrow().plusDays(2), "COVAXIN", 4_000, 0, 18, null);
        run("warm-up", warm, register(4_000), CLIENTS, this::groupCommitted);

        DueSms.awaitSent(jdbc, dispatching);
        Session hot = fixtures.sessionWithPlaces(BookingFixtures.tomorrow().plusDays(2), "COVAXIN", PLACES, 0, 18, null);
        Run grouped = run("group commit", hot, register(PLACES), CLIENTS, this::groupCommitted);

        DueSms.awaitSent(jdbc, dispatching);
        Session single = fixtures.sessionWithPlaces(BookingFixtures.tomorrow().plusDays(2), "COVAXIN", SINGLE_PLACES, 0, 18, null);
        // a caller needs a connection for its whole transaction: more callers than the pool only wait for one
        Run alone = run("one commit per booking", single, register(SINGLE_PLACES), dataSource.getMaximumPoolSize(),
                (person, session) -> transaction.executeWithoutResult(status -> groupCommitted(person, session)));

        String report = """
                Group commit benchmark: one hot session, the booking engine without HTTP, %d cores (Java %s, pool of %d, SMS dispatch %s)
                  group commit:           %,6d places, %d callers: %,6d booked in %,6d ms -> %,7.0f bookings/s, %,d transactions (%.1f bookings each, %.1f ms each)
                    CPU: %s
                  one commit per booking: %,6d places, %d callers: %,6d booked in %,6d ms -> %,7.0f bookings/s, one transaction each
                    CPU: %s
                  pgbench, one row updated, one commit each: %,.0f tps with 1 client, %,.0f tps with 20 clients
                  group commit = %.2f× the better pgbench figure (target ≥3×); %.1f× one commit per booking
                  load average before: %s; after: %s
                """.formatted(Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), dataSource.getMaximumPoolSize(), dispatching ? "on" : "off",
                PLACES, CLIENTS, grouped.result().done(), grouped.result().nanos() / 1_000_000, grouped.result().perSecond(), grouped.batches(),
                grouped.result().done() / (double) Math.max(1, grouped.batches()), grouped.batchMillis(), grouped.result().cpu(),
                SINGLE_PLACES, dataSource.getMaximumPoolSize(), alone.result().done(), alone.result().nanos() / 1_000_000,
                alone.result().perSecond(), alone.result().cpu(),
                pgbench1, pgbench20, grouped.result().perSecond() / anchor, grouped.result().perSecond() / alone.result().perSecond(),
                load, Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.println(report);
        Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(Path.of("target", "benchmarks", "group-commit.txt"), report);

        // fresh statistics, or the planner loops over 40,000 outbox rows per appointment
        jdbc.sql("analyze appointments, outbox_messages").update();
        everyoneBookedOnce(hot, grouped);
        everyoneBookedOnce(single, alone);
    }

    /** Every place taken, by someone who asked, nobody refused; counters agree with the rows; each booking has its SMS. */
    private void everyoneBookedOnce(Session session, Run run) {
        int capacity = session.dose1Capacity();
        assertThat(run.result().done()).as(run.name()).isEqualTo(capacity);
        assertThat(run.result().failed()).as("%s, refused by cause: %s", run.name(), run.result().failures()).isZero();
        assertThat(bookings.activeIn(session.id())).as(run.name()).isEqualTo(capacity);
        Session after = sessions.find(session.id()).orElseThrow();
        assertThat(after.dose1Booked()).as(run.name()).isEqualTo(capacity);
        assertThat(after.slots().getFirst().booked()).as(run.name()).isEqualTo(capacity);
        assertThat(jdbc.sql("""
                select count(*) from outbox_messages o join appointments a on a.id = o.appointment_id
                where o.template = 'sms.appointment-booked' and a.session_id = ? and a.status = 'BOOKED'""")
                .param(session.id()).query(Integer.class).single()).as(run.name()).isEqualTo(capacity);
    }

    private void groupCommitted(BenchPeople.Person person, Session session) {
        bookings.book(person.mobile(), person.id(), session.id(), 1, 1, UUID.randomUUID().toString(), Appointment.Source.CITIZEN, Locale.ENGLISH);
    }

    private interface Booking {
        void book(BenchPeople.Person person, Session session);
    }

    /** {@code callers} threads book the people one after another, each the next one waiting, until none is left. */
    private Run run(String name, Session session, List<BenchPeople.Person> people, int callers, Booking booking) {
        DistributionSummary sizes = registry.get("teeka.booking.batch.size").summary();
        Timer times = registry.get("teeka.booking.batch.time").timer();
        long batchesBefore = sizes.count();
        double batchNanosBefore = times.totalTime(TimeUnit.NANOSECONDS);
        Callers.Result result = Callers.run(callers, people, "booking", person -> booking.book(person, session));
        long batches = sizes.count() - batchesBefore;
        System.out.printf("%s: %d booked, %d refused in %d ms (refusals by cause: %s)%n", name, result.done(), result.failed(),
                result.nanos() / 1_000_000, result.failures());
        return new Run(name, result, batches, batches == 0 ? 0 : (times.totalTime(TimeUnit.NANOSECONDS) - batchNanosBefore) / batches / 1e6);
    }

    /** {@code count} people under mobiles no other run of this benchmark uses. */
    private List<BenchPeople.Person> register(int count) throws SQLException {
        try (Connection db = dataSource.getConnection()) {
            return BenchPeople.insert(db, MOBILES.getAndAdd(count), count);
        }
    }
}
