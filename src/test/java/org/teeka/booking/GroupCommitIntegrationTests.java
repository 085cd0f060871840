package org.teeka.booking;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.teeka.IntegrationTest;
import org.teeka.booking.BookingFixtures.Outcome;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.center.Centers;
import org.teeka.session.Session;
import org.teeka.session.Sessions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Group commit ({@link BookingQueue}, {@link Bookings#commitBatch}) against the real database with
 * real concurrency: many bookings of one session in few transactions, never over capacity, nothing
 * lost; duplicates (the same person, the same key) at once; families all or none; a claim past its
 * deadline never written; a failing batch redone claim by claim.
 */
@IntegrationTest
class GroupCommitIntegrationTests {

    @Autowired
    Bookings bookings;

    @Autowired
    BookingQueue queue;

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
    MeterRegistry registry;

    BookingFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new BookingFixtures(beneficiaries, centers, sessions);
    }

    @Test
    void hundredsRacingForAHundredPlacesAreBookedManyPerCommitAndNeverOverCapacity() throws Exception {
        int places = 100;
        int people = 500;
        // in three days, so that each booking also schedules its day-before reminder
        Session session = fixtures.sessionWithPlaces(BookingFixtures.tomorrow().plusDays(2), "COVAXIN", places, 0, 18, null);
        List<Beneficiary> racing = register(people);
        DistributionSummary sizes = registry.get("teeka.booking.batch.size").summary();
        long batchesBefore = sizes.count();
        double claimsBefore = sizes.totalAmount();

        List<Outcome> outcomes = BookingFixtures.race(bookings, racing, session.id(), Executors.newVirtualThreadPerTaskExecutor());

        assertThat(outcomes.stream().filter(o -> o == Outcome.BOOKED)).hasSize(places);
        assertThat(outcomes.stream().filter(o -> o == Outcome.FULL)).hasSize(people - places);
        assertThat(bookings.activeIn(session.id())).isEqualTo(places);
        Session after = sessions.find(session.id()).orElseThrow();
        assertThat(after.dose1Booked()).isEqualTo(places);
        assertThat(after.slots().getFirst().booked()).isEqualTo(places);
        assertThat(smsOf(session, "sms.appointment-booked")).isEqualTo(places);
        assertThat(smsOf(session, "sms.appointment-reminder")).isEqualTo(places);
        // keys of refused bookings are not kept: a retry is a new attempt
        assertThat(jdbc.sql("select count(*) from idempotency_keys where owner = any(?)")
                .param(racing.stream().map(Beneficiary::mobile).toArray(String[]::new)).query(Integer.class).single()).isEqualTo(places);
        // group commit happened: fewer transactions than bookings asked for (people who came after a batch had left the
        // session full were told so without a claim: at least every place booked was a claim)
        long batches = sizes.count() - batchesBefore;
        double claims = sizes.totalAmount() - claimsBefore;
        assertThat(claims).isGreaterThanOrEqualTo(places);
        assertThat(batches).as("batches for %s claims", claims).isLessThan(people / 2);
    }

    @Test
    void theSamePersonBookingManyTimesAtOnceGetsOneAppointment() throws Exception {
        Session session = fixtures.sessionWithPlaces(BookingFixtures.tomorrow(), "COVAXIN", 50, 0, 18, null);
        Beneficiary person = fixtures.residentBornIn(1991);

        var outcomes = race(20, () -> bookings.book(person.mobile(), person.id(), session.id(), 1, 1, null,
                Appointment.Source.CITIZEN, Locale.ENGLISH).id());

        assertThat(outcomes.stream().filter(o -> o instanceof UUID)).hasSize(1);
        assertThat(outcomes.stream().filter(o -> !(o instanceof UUID)).map(Object::toString).collect(Collectors.toSet()))
                .containsExactly("booking.error.already-booked");
        assertThat(bookings.activeIn(session.id())).isEqualTo(1);
        assertThat(sessions.find(session.id()).orElseThrow().dose1Booked()).isEqualTo(1);
    }

    @Test
    void theSameKeyManyTimesAtOnceBooksOnceAndAnswersAlike() throws Exception {
        Session session = fixtures.sessionWithPlaces(BookingFixtures.tomorrow(), "COVAXIN", 50, 0, 18, null);
        Beneficiary person = fixtures.residentBornIn(1992);
        String key = UUID.randomUUID().toString();

        var outcomes = race(20, () -> bookings.book(person.mobile(), person.id(), session.id(), 1, 1, key,
                Appointment.Source.CITIZEN, Locale.ENGLISH).id());

        assertThat(outcomes).allMatch(o -> o instanceof UUID);
        assertThat(Set.copyOf(outcomes)).hasSize(1);
        assertThat(bookings.activeIn(session.id())).isEqualTo(1);
        assertThat(smsOf(session, "sms.appointment-booked")).isEqualTo(1);
    }

    @Test
    void inOneBatchTheSamePersonIsBookedOnceAndARepeatedKeyAnswersAsItsFirst() throws Exception {
        Session session = fixtures.sessionWithPlaces(BookingFixtures.tomorrow(), "COVAXIN", 50, 0, 18, null);
        Beneficiary person = fixtures.residentBornIn(1993);
        Beneficiary other = fixtures.residentBornIn(1993);
        var first = claim(List.of(other), session, "k1", null, later());
        var repeated = claim(List.of(other), session, "k1", null, later());
        var once = claim(List.of(person), session, null, null, later());
        var twice = claim(List.of(person), session, null, null, later());

        queue.book(List.of(first, repeated, once, twice));

        assertThat(answer(first)).isEqualTo(answer(repeated)).isInstanceOf(UUID.class);
        assertThat(answer(once)).isInstanceOf(UUID.class);
        assertThat(answer(twice)).isEqualTo("booking.error.already-booked");
        assertThat(bookings.activeIn(session.id())).isEqualTo(2);
        assertThat(sessions.find(session.id()).orElseThrow().dose1Booked()).isEqualTo(2);
        // and a later request with the key gets the same appointment again, booking nothing
        var retried = claim(List.of(other), session, "k1", null, later());
        queue.book(List.of(retried));
        assertThat(answer(retried)).isEqualTo(answer(first));
        assertThat(bookings.activeIn(session.id())).isEqualTo(2);
    }

    @Test
    void aFamilyGetsAllItsPlacesOrNoneAndTheNextInLineTakesWhatIsLeft() throws Exception {
        Session session = fixtures.sessionWithPlaces(BookingFixtures.tomorrow(), "COVAXIN", 4, 0, 18, null);
        String mobile = BookingFixtures.newMobile();
        Beneficiary a = fixtures.registeredUnder(mobile, 1980);
        Beneficiary b = fixtures.registeredUnder(mobile, 1982);
        Beneficiary single = fixtures.residentBornIn(1999);
        Beneficiary last = fixtures.residentBornIn(1998);
        // two places taken first, by the pair a + b, through the public call the CoWIN API uses
        List<UUID> pair = bookings.bookTogether(mobile, List.of(a, b), session.id(), 1, 1, null,
                Appointment.Source.API, Locale.ENGLISH, booked -> booked.stream().map(Appointment::id).toList());
        assertThat(pair).hasSize(2);

        // two places left: a family of three asks first, then three people one by one
        String familyMobile = BookingFixtures.newMobile();
        var family = claim(List.of(fixtures.registeredUnder(familyMobile, 1970), fixtures.registeredUnder(familyMobile, 1975),
                fixtures.registeredUnder(familyMobile, 2003)), session, null, null, later());
        var next = claim(List.of(single), session, null, null, later());
        var after = claim(List.of(last), session, null, null, later());
        var tooLate = claim(List.of(fixtures.residentBornIn(1997)), session, null, null, later());
        queue.book(List.of(family, next, after, tooLate));

        assertThat(answer(family)).isEqualTo("booking.error.session-full");
        assertThat(answer(next)).isInstanceOf(UUID.class);
        assertThat(answer(after)).isInstanceOf(UUID.class);
        assertThat(answer(tooLate)).isEqualTo("booking.error.session-full");
        for (Beneficiary member : family.people()) {
            assertThat(bookings.activeOf(member.id())).isEmpty();
        }
        assertThat(bookings.activeIn(session.id())).isEqualTo(4);
        assertThat(sessions.find(session.id()).orElseThrow().dose1Booked()).isEqualTo(4);
    }

    @Test
    void aFamilyWithOneMemberBookedAlreadyIsRefusedWhole() throws Exception {
        Session session = fixtures.sessionWithPlaces(BookingFixtures.tomorrow(), "COVAXIN", 10, 0, 18, null);
        Session elsewhere = fixtures.sessionWithPlaces(BookingFixtures.tomorrow(), "COVAXIN", 10, 0, 18, null);
        String mobile = BookingFixtures.newMobile();
        Beneficiary a = fixtures.registeredUnder(mobile, 1980);
        Beneficiary b = fixtures.registeredUnder(mobile, 1982);
        bookings.book(mobile, b.id(), elsewhere.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);

        assertThatThrownBy(() -> bookings.bookTogether(mobile, List.of(a, b), session.id(), 1, 1, null,
                Appointment.Source.API, Locale.ENGLISH, booked -> booked))
                .isInstanceOfSatisfying(BookingRefusedException.class, refused -> assertThat(refused.code()).isEqualTo("booking.error.already-booked"));
        assertThat(bookings.activeOf(a.id())).isEmpty();
        assertThat(bookings.activeIn(session.id())).isZero();
        assertThat(sessions.find(session.id()).orElseThrow().dose1Booked()).isZero();
    }

    @Test
    void aClaimPastItsDeadlineIsAnsweredBusyAndNeverWritten() throws Exception {
        Session session = fixtures.sessionWithPlaces(BookingFixtures.tomorrow(), "COVAXIN", 10, 0, 18, null);
        Beneficiary person = fixtures.residentBornIn(1994);
        var expired = claim(List.of(person), session, "late", null, System.nanoTime() - 1);

        queue.book(List.of(expired));

        assertThat(answer(expired)).isEqualTo("booking.error.busy");
        assertThatThrownBy(() -> expired.fate().answer.get()).cause()
                .isInstanceOfSatisfying(BookingRefusedException.class, busy -> {
                    assertThat(busy.getStatusCode().value()).isEqualTo(503);
                    assertThat(busy.getHeaders().getFirst("Retry-After")).isEqualTo("1");
                });
        assertThat(bookings.activeOf(person.id())).isEmpty();
        assertThat(jdbc.sql("select count(*) from idempotency_keys where owner = ?").param(person.mobile())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aSessionABatchLeftFullIsRefusedWithoutABatchForASecondAndFreedByACancellationAtOnce() throws Exception {
        Session session = fixtures.sessionWithPlaces(BookingFixtures.tomorrow(), "COVAXIN", 1, 0, 18, null);
        Beneficiary first = fixtures.residentBornIn(1990);
        Appointment booked = bookings.book(first.mobile(), first.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH);
        DistributionSummary sizes = registry.get("teeka.booking.batch.size").summary();
        long batches = sizes.count();
        // the batch that took the last place left the session full: the next people are told so without a batch
        for (int i = 0; i < 3; i++) {
            Beneficiary late = fixtures.residentBornIn(1991);
            assertThatThrownBy(() -> bookings.book(late.mobile(), late.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN,
                    Locale.ENGLISH)).isInstanceOfSatisfying(BookingRefusedException.class,
                    full -> assertThat(full.code()).isEqualTo("booking.error.session-full"));
        }
        assertThat(sizes.count()).isEqualTo(batches);
        // a second later, a batch finds it out again
        Thread.sleep(1_100);
        Beneficiary later = fixtures.residentBornIn(1992);
        assertThatThrownBy(() -> bookings.book(later.mobile(), later.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN,
                Locale.ENGLISH)).isInstanceOf(BookingRefusedException.class);
        assertThat(sizes.count()).isEqualTo(batches + 1);
        // a place given back is bookable at once
        bookings.cancel(first.mobile(), booked.id(), Locale.ENGLISH);
        assertThat(bookings.book(later.mobile(), later.id(), session.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH)
                .sessionId()).isEqualTo(session.id());
        assertThat(sessions.find(session.id()).orElseThrow().dose1Booked()).isEqualTo(1);
    }

    @Test
    void aWaitingClientThatGivesUpIsNeverBookedAfterwardsAndOtherLanesGoOn() throws Exception {
        Session blocked = fixtures.sessionWithPlaces(BookingFixtures.tomorrow(), "COVAXIN", 10, 0, 18, null);
        // a session whose claims the same writer books, and one the other writer books
        Session behind = null;
        Session elsewhere = null;
        while (behind == null || elsewhere == null) {
            Session next = fixtures.sessionWithPlaces(BookingFixtures.tomorrow(), "COVAXIN", 10, 0, 18, null);
            if (queue.laneOf(next.id()) == queue.laneOf(blocked.id())) {
                behind = behind == null ? next : behind;
            } else {
                elsewhere = elsewhere == null ? next : elsewhere;
            }
        }
        var locked = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        // another transaction holds the session's row: the writer that takes a claim for it waits
        var threads = Executors.newVirtualThreadPerTaskExecutor();
        var holder = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            jdbc.sql("select id from sessions where id = ? for update").param(blocked.id()).query(UUID.class).single();
            locked.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), threads);
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            Beneficiary person = fixtures.residentBornIn(1990);
            var stuck = CompletableFuture.supplyAsync(() -> attempt(() -> bookings.book(person.mobile(), person.id(),
                    blocked.id(), 1, 1, null, Appointment.Source.CITIZEN, Locale.ENGLISH).id()), threads);
            Thread.sleep(300);
            // behind the stuck writer: answered busy at the deadline, never written
            Beneficiary patient = fixtures.residentBornIn(1995);
            var giveUp = claim(List.of(patient), behind, null, null, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300));
            long started = System.nanoTime();
            assertThatThrownBy(() -> queue.submit(giveUp))
                    .isInstanceOfSatisfying(BookingRefusedException.class, busy -> assertThat(busy.code()).isEqualTo("booking.error.busy"));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(3_000);
            // the other writer's sessions are booked meanwhile
            Beneficiary other = fixtures.residentBornIn(1995);
            assertThat(bookings.book(other.mobile(), other.id(), elsewhere.id(), 1, 1, null, Appointment.Source.CITIZEN,
                    Locale.ENGLISH).sessionId()).isEqualTo(elsewhere.id());
            assertThat(stuck).isNotDone();
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
            assertThat(stuck.get(20, TimeUnit.SECONDS)).isInstanceOf(UUID.class);
            assertThat(bookings.activeOf(patient.id())).isEmpty();
            assertThat(bookings.activeIn(behind.id())).isZero();
        } finally {
            release.countDown();
            threads.close();
        }
    }

    @Test
    void aBatchWhoseTransactionFailsIsRedoneClaimByClaimAndOnlyTheCulpritFails() throws Exception {
        Session session = fixtures.sessionWithPlaces(BookingFixtures.tomorrow(), "COVAXIN", 10, 0, 18, null);
        Beneficiary first = fixtures.residentBornIn(1990);
        Beneficiary culprit = fixtures.residentBornIn(1990);
        Beneficiary last = fixtures.residentBornIn(1990);
        double redoneBefore = registry.get("teeka.booking.batch.redone").counter().count();
        // an unexpected SQL error inside the batch's transaction aborts it for every claim in it
        Function<List<Appointment>, Object> poison = booked -> jdbc.sql("select 1 / 0").query(Integer.class).single();
        var ok1 = claim(List.of(first), session, "a", booked -> booked.getFirst().id(), later());
        var bad = claim(List.of(culprit), session, "b", poison, later());
        var ok2 = claim(List.of(last), session, "c", booked -> booked.getFirst().id(), later());

        queue.book(List.of(ok1, bad, ok2));

        assertThat(answer(ok1)).isInstanceOf(UUID.class);
        assertThat(answer(ok2)).isInstanceOf(UUID.class);
        assertThatThrownBy(() -> bad.fate().answer.get()).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(org.springframework.dao.DataAccessException.class);
        assertThat(bookings.activeOf(culprit.id())).isEmpty();
        assertThat(bookings.activeIn(session.id())).isEqualTo(2);
        assertThat(sessions.find(session.id()).orElseThrow().dose1Booked()).isEqualTo(2);
        assertThat(smsOf(session, "sms.appointment-booked")).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from idempotency_keys where owner = ?").param(culprit.mobile())
                .query(Integer.class).single()).isZero();
        assertThat(registry.get("teeka.booking.batch.redone").counter().count()).isEqualTo(redoneBefore + 1);
    }

    private List<Beneficiary> register(int count) throws Exception {
        var futures = new ArrayList<Future<Beneficiary>>();
        try (var threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < count; i++) {
                futures.add(threads.submit(() -> fixtures.residentBornIn(1990)));
            }
        }
        var people = new ArrayList<Beneficiary>();
        for (var future : futures) {
            people.add(future.get());
        }
        return people;
    }

    /** Runs the call from many virtual threads at once; each result is the call's value or the refusal's code. */
    private static List<Object> race(int times, java.util.concurrent.Callable<Object> call) throws Exception {
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<Object>>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < times; i++) {
                results.add(threads.submit(() -> {
                    start.await();
                    return attempt(call);
                }));
            }
            start.countDown();
        }
        var outcomes = new ArrayList<Object>();
        for (var result : results) {
            outcomes.add(result.get());
        }
        return outcomes;
    }

    private static Object attempt(java.util.concurrent.Callable<Object> call) {
        try {
            return call.call();
        } catch (BookingRefusedException refused) {
            return refused.code();
        } catch (Exception other) {
            return other;
        }
    }

    private static long later() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    }

    private static BookingClaim claim(List<Beneficiary> people, Session session, String key,
                                      Function<List<Appointment>, ?> inTransaction, long deadline) {
        String mobile = people.getFirst().mobile();
        var keys = people.stream().map(p -> key == null ? null : "booking:" + mobile + ":" + key + ":" + p.id()).toList();
        return new BookingClaim(mobile, people, session.id(), 1, 1, Collections.unmodifiableList(new ArrayList<>(keys)),
                Appointment.Source.CITIZEN, Locale.ENGLISH, "sms.appointment-booked",
                inTransaction == null ? booked -> booked.getFirst().id() : inTransaction, null, deadline, new BookingClaim.Fate());
    }

    /** The claim's answer: its callback's result when booked, else the refusal's code. */
    private static Object answer(BookingClaim claim) throws Exception {
        assertThat(claim.fate().answer).isDone();
        try {
            return claim.fate().answer.get().result();
        } catch (ExecutionException failed) {
            return failed.getCause() instanceof BookingRefusedException refused ? refused.code() : failed.getCause();
        }
    }

    private int smsOf(Session session, String template) {
        return jdbc.sql("""
                        select count(*) from outbox_messages where template = ?
                        and appointment_id in (select id from appointments where session_id = ? and status = 'BOOKED')""")
                .params(template, session.id()).query(Integer.class).single();
    }
}
