package org.teeka.booking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.SecurityCode;
import org.teeka.center.Center;
import org.teeka.center.Centers;
import org.teeka.geo.Geography;
import org.teeka.notification.Outbox;
import org.teeka.notification.Priority;
import org.teeka.notification.Sms;
import org.teeka.session.Session;
import org.teeka.session.SessionSearch;
import org.teeka.session.Sessions;
import org.teeka.session.Slot;


import org.teeka.vaccine.Vaccine;
import org.teeka.vaccine.VaccineCatalog;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The booking engine. A place is taken by one conditional update of the session's and the
 * slot's counters, whose CHECK constraints make overbooking impossible; the appointment row's
 * partial unique index allows one active appointment per beneficiary and dose. Every change runs
 * in one transaction with its SMS in the outbox. Requests carrying an idempotency key return
 * their first result when repeated.
 */
@Service
public class Bookings {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** An appointment row's columns, as {@link #appointment} reads them. */
    static final String COLUMNS = "id, beneficiary_id, dose, session_id, slot_no, security_code, status, source, booked_at";

    private final JdbcClient jdbc;
    private final Beneficiaries beneficiaries;
    private final Sessions sessions;
    private final Centers centers;
    private final VaccineCatalog vaccines;
    private final DoseHistory doseRecords;
    private final Geography geography;
    private final Outbox outbox;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ReminderSettings reminders;
    private final BookingQueue queue;
    /**
     * Sessions (per dose, {@link #sessionKey}) and slots ({@link #slotKey}) that a committed batch left without a
     * place, for a second: a storm's people after the last place are told "full" at once instead of each queueing for
     * a batch to find it out. A place given back ({@link #end}) is forgotten here when that commits; one a batch finds
     * full in a race with it, or a capacity raised by staff, can be booked a second later at most.
     */
    private final Cache<String, Boolean> knownFull = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(1))
            .maximumSize(100_000).build();

    Bookings(JdbcClient jdbc, Beneficiaries beneficiaries, Sessions sessions, Centers centers, VaccineCatalog vaccines,
             DoseHistory doseRecords, Geography geography, Outbox outbox, ApplicationEventPublisher events, Clock clock,
             ReminderSettings reminders, BookingQueue queue) {
        this.jdbc = jdbc;
        this.beneficiaries = beneficiaries;
        this.sessions = sessions;
        this.centers = centers;
        this.vaccines = vaccines;
        this.doseRecords = doseRecords;
        this.geography = geography;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
        this.reminders = reminders;
        this.queue = queue;
    }

    /**
     * Books a chosen session and slot for a family member of the mobile. Booked with the other
     * bookings waiting at the same moment, in one transaction ({@link BookingQueue}); inside a
     * caller's transaction, in that one. Refused, as {@link BookingRefusedException}, when the
     * person is not eligible, the place is full or they hold an appointment for the dose already,
     * and with "busy" (503) when this node cannot book it in time.
     */
    public Appointment book(String mobile, UUID beneficiaryId, UUID sessionId, int slotNo, int dose,
                            String idempotencyKey, Appointment.Source source, Locale language) {
        Beneficiary person;
        try {
            person = beneficiaries.get(beneficiaryId, mobile);
        } catch (Beneficiaries.BeneficiaryNotFoundException unknown) {
            // a repeated request answers with its first result, whoever it was for
            if (idempotencyKey == null || idempotencyKey.isBlank() || !anyUsed(List.of("booking:" + mobile + ":" + idempotencyKey))) {
                throw unknown;
            }
            return submit(mobile, List.of(), sessionId, slotNo, dose, Collections.singletonList(idempotencyKey), source, language,
                    booked -> booked.getFirst(), unknown);
        }
        return bookTogether(mobile, List.of(person), sessionId, slotNo, dose, Collections.singletonList(idempotencyKey),
                source, language, booked -> booked.getFirst());
    }

    /**
     * Books family members of the mobile into a chosen session and slot, all or none (a CoWIN
     * appointment of several people), and runs {@code inTransaction} with their appointments, in
     * the people's order, inside the transaction that books them: what it writes is committed with
     * the bookings or not at all, and its exception refuses this request only. A request repeated
     * with the same keys gets its first appointments (and {@code inTransaction} runs with them again).
     *
     * @param people family members of the mobile (as {@link Beneficiaries} read them)
     * @param idempotencyKeys one per member, or null entries (or a null list) for none
     * @return what {@code inTransaction} returned
     */
    public <T> T bookTogether(String mobile, List<Beneficiary> people, UUID sessionId, int slotNo, int dose,
                              List<String> idempotencyKeys, Appointment.Source source, Locale language,
                              Function<List<Appointment>, T> inTransaction) {
        RuntimeException refusal = null;
        try {
            if (people.isEmpty() || people.stream().anyMatch(person -> !mobile.equals(person.mobile()))) {
                throw new IllegalArgumentException("people: one or more of the mobile's family members, not " + people.size()
                        + " of which some are another's");
            }
            check(people, sessions.findPlanned(sessionId)
                    .orElseThrow(() -> BookingRefusedException.notFound("booking.error.session-unknown")), slotNo, dose);
            if (knownFull.getIfPresent(sessionKey(sessionId, dose)) != null) {
                throw BookingRefusedException.full(false);
            }
            if (knownFull.getIfPresent(slotKey(sessionId, slotNo)) != null) {
                throw BookingRefusedException.full(true);
            }
        } catch (BookingRefusedException refused) {
            // a repeated request answers with its first result even when it could not be made now
            if (idempotencyKeys == null || idempotencyKeys.stream().allMatch(k -> k == null || k.isBlank())
                    || !anyUsed(idempotencyKeys.stream().filter(k -> k != null && !k.isBlank()).map(k -> "booking:" + mobile + ":" + k).toList())) {
                throw refused;
            }
            refusal = refused;
        }
        return submit(mobile, people, sessionId, slotNo, dose, idempotencyKeys, source, language, inTransaction, refusal);
    }

    @SuppressWarnings("unchecked")
    private <T> T submit(String mobile, List<Beneficiary> people, UUID sessionId, int slotNo, int dose, List<String> idempotencyKeys,
                         Appointment.Source source, Locale language, Function<List<Appointment>, T> inTransaction,
                         RuntimeException refusal) {
        var keys = new ArrayList<String>(Math.max(1, people.size()));
        for (int i = 0; i < Math.max(1, people.size()); i++) {
            String key = idempotencyKeys == null || i >= idempotencyKeys.size() ? null : idempotencyKeys.get(i);
            keys.add(key == null || key.isBlank() ? null : "booking:" + mobile + ":" + key);
        }
        var claim = new BookingClaim(mobile, List.copyOf(people), sessionId, slotNo, dose, Collections.unmodifiableList(keys),
                source, language, "sms.appointment-booked", inTransaction, refusal, queue.deadlineFromNow(), new BookingClaim.Fate());
        BookingClaim.Outcome outcome;
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            outcome = commitBatch(List.of(claim)).getFirst();
            if (outcome.refusal() != null) {
                throw outcome.refusal();
            }
        } else {
            outcome = queue.submit(claim);
        }
        return (T) outcome.result();
    }

    /**
     * The checks a booking needs that take no lock, made by the request's thread before it queues:
     * the slot exists and has not ended, and each person is eligible. Also the checks of a reschedule ({@link #place}).
     */
    private void check(List<Beneficiary> people, Session session, int slotNo, int dose) {
        Vaccine vaccine = vaccines.find(session.vaccineCode()).orElseThrow();
        Map<UUID, List<PastDose>> doses = people.size() == 1
                ? Map.of(people.getFirst().id(), doseRecords.of(people.getFirst().id()))
                : doseRecords.of(people.stream().map(Beneficiary::id).toList());
        for (Beneficiary person : people) {
            var refusal = EligibilityPolicy.firstRefusal(
                    new EligibilityPolicy.Candidate(person, session, vaccine, dose, doses.getOrDefault(person.id(), List.of())));
            if (refusal.isPresent()) {
                throw BookingRefusedException.ineligible(refusal.get());
            }
        }
        Slot slot = session.slots().stream().filter(s -> s.number() == slotNo).findFirst()
                .orElseThrow(() -> BookingRefusedException.notFound("booking.error.slot-unknown"));
        if (slotStarted(session, slot)) {
            throw BookingRefusedException.conflict("booking.error.session-past");
        }
    }

    /** Whether any of these idempotency keys was used by an earlier request. */
    private boolean anyUsed(List<String> keys) {
        return jdbc.sql("select count(*) from idempotency_keys where key = any(?)")
                .param(keys.stream().filter(Objects::nonNull).toArray(String[]::new)).query(Integer.class).single() > 0;
    }

    /**
     * Books a batch of claims in the caller's transaction, with one statement per table for them
     * all, and returns each claim's outcome in order. In turn: the idempotency keys are claimed
     * (a key used before answers with its first result; a key twice in the batch makes the later
     * claim answer as the first); people holding an active appointment for the dose are refused;
     * the batch's sessions are locked in id order and their places handed out first come, first
     * served, all of a claim's people or none; the appointments are inserted (a person booked
     * meanwhile by another transaction refuses their whole claim, and its rows go again before any
     * counter is touched); then the counters are taken ({@link Sessions#takeAll}, whose CHECKs
     * still forbid overbooking), waitlist entries left, the SMS written, events published, each
     * claim's {@code inTransaction} run and the keys' results remembered. A refused claim leaves
     * nothing behind. An exception (an {@code inTransaction}'s, a deadlock) fails the whole batch.
     */
    List<BookingClaim.Outcome> commitBatch(List<BookingClaim> claims) {
        int n = claims.size();
        var outcomes = new BookingClaim.Outcome[n];
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);

        // idempotency: a claim repeating a key of an earlier claim of the batch answers as that one
        int[] leader = new int[n];
        var firstClaimOfKey = new HashMap<String, Integer>();
        for (int i = 0; i < n; i++) {
            leader[i] = i;
            for (String key : claims.get(i).keys()) {
                if (key != null && firstClaimOfKey.containsKey(key) && leader[i] == i) {
                    leader[i] = leader[firstClaimOfKey.get(key)];
                }
            }
            if (leader[i] == i) {
                for (String key : claims.get(i).keys()) {
                    if (key != null) {
                        firstClaimOfKey.putIfAbsent(key, i);
                    }
                }
            }
        }
        var keyOwners = new java.util.TreeMap<String, String>();
        for (int i = 0; i < n; i++) {
            if (leader[i] == i) {
                for (String key : claims.get(i).keys()) {
                    if (key != null) {
                        keyOwners.put(key, claims.get(i).mobile());
                    }
                }
            }
        }
        Set<String> claimedKeys = new HashSet<>();
        Map<String, Appointment> earlier = new HashMap<>();
        if (!keyOwners.isEmpty()) {
            // in key order, so two batches claiming the same keys never deadlock
            claimedKeys.addAll(jdbc.sql("""
                            insert into idempotency_keys (key, owner, result)
                            select key, owner, '' from unnest(cast(? as text[]), cast(? as text[])) with ordinality as k(key, owner, n)
                            order by n
                            on conflict (key) do nothing
                            returning key""")
                    .params(keyOwners.keySet().toArray(String[]::new), keyOwners.values().toArray(String[]::new))
                    .query(String.class).list());
            if (claimedKeys.size() < keyOwners.size()) {
                var results = new HashMap<String, UUID>();
                jdbc.sql("select key, result from idempotency_keys where key = any(?) and result <> ''")
                        .param(keyOwners.keySet().stream().filter(k -> !claimedKeys.contains(k)).toArray(String[]::new))
                        .query(rs -> {
                            results.put(rs.getString(1), UUID.fromString(rs.getString(2)));
                        });
                var byId = new HashMap<UUID, Appointment>();
                if (!results.isEmpty()) {
                    jdbc.sql("select " + COLUMNS + " from appointments where id = any(?)")
                            .param(results.values().toArray(UUID[]::new)).query(Bookings::appointment).list()
                            .forEach(a -> byId.put(a.id(), a));
                }
                results.forEach((key, id) -> {
                    if (byId.containsKey(id)) {
                        earlier.put(key, byId.get(id));
                    }
                });
            }
        }

        // who needs a place: each person of a claim without a first result
        var needing = new HashMap<Integer, List<Beneficiary>>();
        for (int i = 0; i < n; i++) {
            if (leader[i] != i) {
                continue;
            }
            BookingClaim claim = claims.get(i);
            if (claim.people().isEmpty()) {
                // only a repeated request may name nobody the request's thread found: it gets its first answer
                if (!claim.keys().stream().allMatch(earlier::containsKey)) {
                    outcomes[i] = BookingClaim.Outcome.refused(claim.refusedUnlessReplayed());
                }
                continue;
            }
            var fresh = new ArrayList<Beneficiary>();
            boolean unknown = false;
            for (int p = 0; p < claim.people().size(); p++) {
                String key = claim.keys().get(p);
                if (key == null || claimedKeys.contains(key)) {
                    fresh.add(claim.people().get(p));
                } else if (!earlier.containsKey(key)) {
                    unknown = true; // its first request's appointment is gone, or that request is not answered yet
                }
            }
            if (unknown) {
                outcomes[i] = BookingClaim.Outcome.refused(BookingRefusedException.notFound("booking.error.appointment-unknown"));
            } else if (!fresh.isEmpty() && claim.refusedUnlessReplayed() != null) {
                outcomes[i] = BookingClaim.Outcome.refused(claim.refusedUnlessReplayed());
            } else if (!fresh.isEmpty()) {
                needing.put(i, fresh);
            }
        }

        // people holding an active appointment for the dose already
        if (!needing.isEmpty()) {
            var holders = new HashSet<String>();
            jdbc.sql("select beneficiary_id, dose from appointments where beneficiary_id = any(?) and status in ('BOOKED', 'CHECKED_IN')")
                    .param(needing.values().stream().flatMap(List::stream).map(Beneficiary::id).distinct().toArray(UUID[]::new))
                    .query(rs -> {
                        holders.add(rs.getObject(1, UUID.class) + ":" + rs.getInt(2));
                    });
            for (var it = needing.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                BookingClaim claim = claims.get(entry.getKey());
                if (entry.getValue().stream().anyMatch(person -> holders.contains(claim.holder(person)))) {
                    outcomes[entry.getKey()] = BookingClaim.Outcome.refused(BookingRefusedException.conflict("booking.error.already-booked", claim.dose()));
                    it.remove();
                }
            }
        }

        // places: the sessions locked, counted and handed out first come, first served
        var placed = new HashMap<Integer, List<Appointment>>();
        Map<UUID, Session> locked = new HashMap<>();
        if (!needing.isEmpty()) {
            sessions.lock(needing.keySet().stream().map(i -> claims.get(i).sessionId()).collect(java.util.stream.Collectors.toSet()))
                    .forEach(session -> locked.put(session.id(), session));
            var inPlay = new ArrayList<>(new java.util.TreeSet<>(needing.keySet()));
            for (int i : inPlay) {
                Session session = locked.get(claims.get(i).sessionId());
                if (session == null) {
                    outcomes[i] = BookingClaim.Outcome.refused(BookingRefusedException.notFound("booking.error.session-unknown"));
                } else if (session.slots().stream().noneMatch(s -> s.number() == claims.get(i).slotNo())) {
                    outcomes[i] = BookingClaim.Outcome.refused(BookingRefusedException.notFound("booking.error.slot-unknown"));
                }
            }
            inPlay.removeIf(i -> outcomes[i] != null);
            var exhausted = new ArrayList<String>();
            while (true) {
                var sessionLeft = new HashMap<String, Integer>();
                var slotLeft = new HashMap<String, Integer>();
                var holders = new HashSet<String>();
                var fits = new ArrayList<Integer>();
                for (int i : inPlay) {
                    BookingClaim claim = claims.get(i);
                    Session session = locked.get(claim.sessionId());
                    List<Beneficiary> people = needing.get(i);
                    var theirs = people.stream().map(claim::holder).toList();
                    if (theirs.stream().anyMatch(holders::contains) || new HashSet<>(theirs).size() < theirs.size()) {
                        outcomes[i] = BookingClaim.Outcome.refused(BookingRefusedException.conflict("booking.error.already-booked", claim.dose()));
                        continue;
                    }
                    String sessionKey = sessionKey(session.id(), claim.dose());
                    String slotKey = slotKey(session.id(), claim.slotNo());
                    int inSession = sessionLeft.computeIfAbsent(sessionKey, k -> claim.dose() == 1 ? session.dose1Available() : session.dose2Available());
                    int inSlot = slotLeft.computeIfAbsent(slotKey, k -> session.slots().stream()
                            .filter(s -> s.number() == claim.slotNo()).findFirst().orElseThrow().available());
                    if (inSession >= people.size() && inSlot >= people.size()) {
                        sessionLeft.put(sessionKey, inSession - people.size());
                        slotLeft.put(slotKey, inSlot - people.size());
                        holders.addAll(theirs);
                        fits.add(i);
                        outcomes[i] = null;
                    } else {
                        outcomes[i] = BookingClaim.Outcome.refused(BookingRefusedException.full(inSession >= people.size()));
                    }
                }
                // what this batch leaves without a place (as of the last round here), remembered once it is committed
                exhausted.clear();
                sessionLeft.forEach((key, left) -> {
                    if (left == 0) {
                        exhausted.add(key);
                    }
                });
                slotLeft.forEach((key, left) -> {
                    if (left == 0) {
                        exhausted.add(key);
                    }
                });
                var newlyPlaced = new ArrayList<Integer>();
                var rows = new ArrayList<Appointment>();
                for (int i : fits) {
                    if (!placed.containsKey(i)) {
                        BookingClaim claim = claims.get(i);
                        var theirs = needing.get(i).stream().map(person -> new Appointment(UUID.randomUUID(), person.id(), claim.dose(),
                                claim.sessionId(), claim.slotNo(), SecurityCode.generate(RANDOM).value(), Appointment.Status.BOOKED,
                                claim.source(), now)).toList();
                        placed.put(i, theirs);
                        newlyPlaced.add(i);
                        rows.addAll(theirs);
                    }
                }
                Set<UUID> inserted = insertAppointments(rows, now);
                // the safety net: someone booked meanwhile by another transaction; their claim goes, all its rows with it,
                // and the places it would have taken are handed out again
                var lost = newlyPlaced.stream().filter(i -> !placed.get(i).stream().map(Appointment::id).allMatch(inserted::contains)).toList();
                if (lost.isEmpty()) {
                    break;
                }
                var gone = new ArrayList<UUID>();
                for (int i : lost) {
                    placed.remove(i).stream().map(Appointment::id).filter(inserted::contains).forEach(gone::add);
                    outcomes[i] = BookingClaim.Outcome.refused(BookingRefusedException.conflict("booking.error.already-booked", claims.get(i).dose()));
                    inPlay.remove((Integer) i);
                }
                if (!gone.isEmpty()) {
                    jdbc.sql("delete from appointments where id = any(?)").param(gone.toArray(UUID[]::new)).update();
                }
            }
            if (placed.keySet().stream().anyMatch(i -> outcomes[i] != null)) {
                // places handed out first come, first served stay handed out when a later claim goes; never here
                throw new IllegalStateException("a claim holding inserted appointments was refused");
            }
            if (!exhausted.isEmpty()) {
                afterCommit(() -> exhausted.forEach(key -> knownFull.put(key, Boolean.TRUE)));
            }
        }

        // the counters, one statement per table and dose column; then everything a booking promises
        var booked = new ArrayList<Placed>();
        if (!placed.isEmpty()) {
            var firstDose = new HashMap<UUID, Map<Integer, Integer>>();
            var laterDoses = new HashMap<UUID, Map<Integer, Integer>>();
            placed.forEach((i, appointments) -> appointments.forEach(a -> (a.dose() == 1 ? firstDose : laterDoses)
                    .computeIfAbsent(a.sessionId(), id -> new HashMap<>()).merge(a.slotNo(), 1, Integer::sum)));
            sessions.takeAll(firstDose, 1);
            sessions.takeAll(laterDoses, 2);
            Map<Integer, Center> centersById = new HashMap<>();
            centers.findAll(placed.values().stream().flatMap(List::stream).map(a -> locked.get(a.sessionId()).centerId())
                    .collect(java.util.stream.Collectors.toSet())).forEach(c -> centersById.put(c.id(), c));
            Map<String, Vaccine> vaccinesByCode = new HashMap<>();
            for (var entry : new java.util.TreeMap<>(placed).entrySet()) {
                BookingClaim claim = claims.get(entry.getKey());
                Session session = locked.get(claim.sessionId());
                Slot slot = session.slots().stream().filter(s -> s.number() == claim.slotNo()).findFirst().orElseThrow();
                Vaccine vaccine = vaccinesByCode.computeIfAbsent(session.vaccineCode(), code -> vaccines.find(code).orElseThrow());
                var people = new HashMap<UUID, Beneficiary>();
                claim.people().forEach(person -> people.put(person.id(), person));
                for (Appointment appointment : entry.getValue()) {
                    booked.add(new Placed(new AppointmentSlip(appointment, people.get(appointment.beneficiaryId()), session, slot,
                            centersById.get(session.centerId()), vaccine), claim.language(), claim.template()));
                }
            }
            recordBooked(booked, now);
        }

        // the answers: each claim's appointments in its people's order, and what its inTransaction made of them
        var remembered = new LinkedHashMap<String, UUID>();
        var released = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            if (leader[i] != i) {
                continue;
            }
            BookingClaim claim = claims.get(i);
            if (outcomes[i] != null) {
                claim.keys().stream().filter(claimedKeys::contains).forEach(released::add);
                continue;
            }
            var theirs = new HashMap<UUID, Appointment>();
            placed.getOrDefault(i, List.of()).forEach(a -> theirs.put(a.beneficiaryId(), a));
            var appointments = new ArrayList<Appointment>();
            for (int p = 0; p < claim.keys().size(); p++) {
                String key = claim.keys().get(p);
                Appointment appointment = key != null && earlier.containsKey(key) ? earlier.get(key)
                        : theirs.get(claim.people().get(p).id());
                appointments.add(appointment);
                if (key != null && claimedKeys.contains(key)) {
                    remembered.put(key, appointment.id());
                }
            }
            Object result = claim.inTransaction() == null ? null : claim.inTransaction().apply(List.copyOf(appointments));
            outcomes[i] = BookingClaim.Outcome.booked(appointments, result);
        }
        if (!remembered.isEmpty()) {
            jdbc.sql("update idempotency_keys k set result = r.result from unnest(cast(? as text[]), cast(? as text[])) as r(key, result) where k.key = r.key")
                    .params(remembered.keySet().toArray(String[]::new), remembered.values().stream().map(UUID::toString).toArray(String[]::new))
                    .update();
        }
        if (!released.isEmpty()) {
            jdbc.sql("delete from idempotency_keys where key = any(?)").param(released.toArray(String[]::new)).update();
        }
        var answers = new ArrayList<BookingClaim.Outcome>(n);
        for (int i = 0; i < n; i++) {
            BookingClaim.Outcome outcome = outcomes[leader[i]];
            answers.add(leader[i] == i || outcome.refusal() == null ? outcome
                    : BookingClaim.Outcome.refused(outcome.refusal() instanceof BookingRefusedException refused ? refused.copy() : outcome.refusal()));
        }
        return answers;
    }

    /** A place taken for someone: its slip, and the language and template of its SMS. */
    private record Placed(AppointmentSlip slip, Locale language, String template) {
    }

    /**
     * Inserts booked appointments with one statement; returns the ids of those inserted. Someone
     * who holds an active appointment for the dose (committed by another transaction, or waited for
     * until it committed) gets no row. Rows go in beneficiary order, so two batches never deadlock.
     */
    private Set<UUID> insertAppointments(List<Appointment> rows, Instant now) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        var sorted = rows.stream().sorted(Comparator.comparing(Appointment::beneficiaryId)).toList();
        return new HashSet<>(jdbc.sql("""
                        insert into appointments (id, beneficiary_id, dose, session_id, slot_no, security_code, status, source, booked_at)
                        select id, beneficiary_id, dose, session_id, slot_no, security_code, 'BOOKED', source, ?
                        from unnest(cast(? as uuid[]), cast(? as uuid[]), cast(? as integer[]), cast(? as uuid[]), cast(? as integer[]),
                                    cast(? as text[]), cast(? as text[])) with ordinality
                             as t(id, beneficiary_id, dose, session_id, slot_no, security_code, source, n)
                        order by n
                        on conflict (beneficiary_id, dose) where status in ('BOOKED', 'CHECKED_IN') do nothing
                        returning id""")
                .params(OffsetDateTime.ofInstant(now, clock.getZone()),
                        sorted.stream().map(Appointment::id).toArray(UUID[]::new),
                        sorted.stream().map(Appointment::beneficiaryId).toArray(UUID[]::new),
                        sorted.stream().map(Appointment::dose).toArray(Integer[]::new),
                        sorted.stream().map(Appointment::sessionId).toArray(UUID[]::new),
                        sorted.stream().map(Appointment::slotNo).toArray(Integer[]::new),
                        sorted.stream().map(Appointment::securityCode).toArray(String[]::new),
                        sorted.stream().map(a -> a.source().name()).toArray(String[]::new))
                .query(UUID.class).list());
    }

    /**
     * What every booking promises besides its row, for many at once in the caller's transaction:
     * the people booked no longer wait for the dose, each gets the confirmation SMS and the
     * day-before reminder, and {@link AppointmentBooked} is published for each.
     */
    private void recordBooked(List<Placed> booked, Instant now) {
        if (booked.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update waitlist_entries w set status = 'LEFT'
                        from unnest(cast(? as uuid[]), cast(? as integer[])) as b(beneficiary_id, dose)
                        where w.beneficiary_id = b.beneficiary_id and w.dose = b.dose and w.status = 'WAITING'""")
                .params(booked.stream().map(b -> b.slip().beneficiary().id()).toArray(UUID[]::new),
                        booked.stream().map(b -> b.slip().appointment().dose()).toArray(Integer[]::new))
                .update();
        var messages = new ArrayList<Sms>(booked.size() * 2);
        for (Placed placed : booked) {
            AppointmentSlip slip = placed.slip();
            messages.add(appointmentSms(slip, placed.language(), placed.template()));
            reminderSms(slip.beneficiary(), slip.session(), slip.slot(), slip.appointment().dose(), slip.appointment().id(),
                    centerLine(slip.center(), placed.language()), placed.language(), now).ifPresent(messages::add);
        }
        outbox.enqueueAll(messages);
        booked.forEach(b -> events.publishEvent(new AppointmentBooked(b.slip().appointment().id(), b.slip().beneficiary().id(),
                b.slip().session().id(), b.slip().appointment().dose())));
    }

    /**
     * Books the earliest free place near the beneficiary: sessions of their district with a place
     * for the dose and their age, earliest date first, then nearest to their PIN code, then the
     * earliest slot. Refused with "nothing free" when there is none; the waitlist is the answer then.
     */
    @Transactional
    public Appointment bookEarliest(String mobile, UUID beneficiaryId, int dose, String idempotencyKey, Locale language) {
        Optional<Appointment> earlier = replay(mobile, idempotencyKey);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Beneficiary beneficiary = beneficiaries.get(beneficiaryId, mobile);
        Appointment appointment = earliest(beneficiary, dose, null, Appointment.Source.ALLOCATION, language, "sms.appointment-booked")
                .orElseThrow(() -> BookingRefusedException.conflict("booking.error.nothing-free"));
        remember(mobile, idempotencyKey, appointment);
        return appointment;
    }

    /** The earliest free place for a beneficiary, taken in the caller's transaction; empty when none is free. */
    Optional<Appointment> earliest(Beneficiary beneficiary, int dose, String vaccineCode, Appointment.Source source,
                                   Locale language, String template) {
        LocalDate today = LocalDate.now(clock);
        List<PastDose> doses = doseRecords.of(beneficiary.id());
        String vaccine = vaccineCode != null ? vaccineCode
                : doses.stream().filter(d -> d.dose() == 1).map(PastDose::vaccineCode).findFirst().orElse(null);
        var candidates = sessions.search(new SessionSearch(today, 14, beneficiary.districtId(), null, vaccine,
                beneficiary.ageIn(today.getYear()), dose));
        Map<Integer, Center> centersById = centersOf(candidates);
        for (Session session : candidates.stream().sorted(order(beneficiary, null, centersById)).toList()) {
            Vaccine sessionVaccine = vaccines.find(session.vaccineCode()).orElseThrow();
            if (EligibilityPolicy.firstRefusal(new EligibilityPolicy.Candidate(beneficiary, session, sessionVaccine, dose, doses)).isPresent()) {
                continue;
            }
            for (Slot slot : session.slots()) {
                if (slot.available() > 0 && !slotStarted(session, slot) && sessions.take(session.id(), slot.number(), dose)) {
                    return Optional.of(insert(beneficiary, session, slot.number(), dose, source, language, template));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Books the earliest free place for each of many people at once, in the caller's transaction:
     * the choice {@link #earliest} makes for one person (the eligibility policies, the earliest date,
     * then the center nearest their PIN code, then the earliest slot), restricted to the given
     * centers and each person's preferred center, which is tried before the others. The candidate sessions are
     * locked while their places are counted and taken (see {@link Sessions#lockOpen}), so every place
     * handed out is free, and the sessions' CHECKs still refuse overbooking. Each table is written
     * with one statement for the batch; each person booked gets their SMS in the outbox.
     *
     * @param vaccineCode only sessions of this vaccine; null for any
     * @return one result per request, in order: the slip, or empty when no free place suits them
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Optional<AppointmentSlip>> allocate(List<AllocationRequest> requests, Collection<Integer> centerIds,
                                                    String vaccineCode, int dose) {
        if (requests.isEmpty()) {
            return List.of();
        }
        LocalDate today = LocalDate.now(clock);
        var everyone = Set.copyOf(centerIds);
        var lockable = new java.util.TreeSet<>(everyone);
        requests.stream().map(AllocationRequest::preferredCenterId).filter(Objects::nonNull).forEach(lockable::add);
        List<Session> open = sessions.lockOpen(new SessionSearch(today, 14, null, List.copyOf(lockable), vaccineCode, null, dose));
        Map<Integer, Center> centersById = centersOf(open);
        Map<String, Vaccine> vaccinesByCode = new HashMap<>();
        open.forEach(s -> vaccinesByCode.computeIfAbsent(s.vaccineCode(), code -> vaccines.find(code).orElseThrow()));
        Map<UUID, List<PastDose>> doses = doseRecords.of(requests.stream().map(r -> r.beneficiary().id()).toList());
        var sessionLeft = new HashMap<UUID, Integer>();
        var slotLeft = new HashMap<UUID, int[]>();
        for (Session session : open) {
            sessionLeft.put(session.id(), dose == 1 ? session.dose1Available() : session.dose2Available());
            slotLeft.put(session.id(), session.slots().stream().mapToInt(Slot::available).toArray());
        }
        // people of one PIN code and preferred center see the sessions in the same order
        var orders = new HashMap<String, List<Session>>();
        var taken = new LinkedHashMap<UUID, Map<Integer, Integer>>();
        var chosen = new ArrayList<Optional<Map.Entry<Session, Slot>>>(requests.size());
        for (AllocationRequest request : requests) {
            Beneficiary beneficiary = request.beneficiary();
            List<PastDose> theirDoses = doses.getOrDefault(beneficiary.id(), List.of());
            Integer preferred = request.preferredCenterId();
            List<Session> ordered = orders.computeIfAbsent(beneficiary.pincode() + ":" + preferred, key -> open.stream()
                    .filter(session -> everyone.contains(session.centerId()) || Objects.equals(session.centerId(), preferred))
                    .sorted(order(beneficiary, preferred, centersById)).toList());
            Optional<Map.Entry<Session, Slot>> place = Optional.empty();
            for (Session session : ordered) {
                if (sessionLeft.get(session.id()) == 0 || EligibilityPolicy.firstRefusal(new EligibilityPolicy.Candidate(
                        beneficiary, session, vaccinesByCode.get(session.vaccineCode()), dose, theirDoses)).isPresent()) {
                    continue;
                }
                int[] left = slotLeft.get(session.id());
                for (int i = 0; i < session.slots().size() && place.isEmpty(); i++) {
                    Slot slot = session.slots().get(i);
                    if (left[i] > 0 && !slotStarted(session, slot)) {
                        left[i]--;
                        sessionLeft.merge(session.id(), -1, Integer::sum);
                        taken.computeIfAbsent(session.id(), id -> new HashMap<>()).merge(slot.number(), 1, Integer::sum);
                        place = Optional.of(Map.entry(session, slot));
                    }
                }
                if (place.isPresent()) {
                    break;
                }
            }
            chosen.add(place);
        }
        sessions.takeAll(taken, dose);

        var results = new ArrayList<Optional<AppointmentSlip>>(requests.size());
        var booked = new ArrayList<Placed>();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        for (int i = 0; i < requests.size(); i++) {
            if (chosen.get(i).isEmpty()) {
                results.add(Optional.empty());
                continue;
            }
            AllocationRequest request = requests.get(i);
            Session session = chosen.get(i).get().getKey();
            Slot slot = chosen.get(i).get().getValue();
            var appointment = new Appointment(UUID.randomUUID(), request.beneficiary().id(), dose, session.id(), slot.number(),
                    SecurityCode.generate(RANDOM).value(), Appointment.Status.BOOKED, Appointment.Source.ALLOCATION, now);
            var slip = new AppointmentSlip(appointment, request.beneficiary(), session, slot, centersById.get(session.centerId()),
                    vaccinesByCode.get(session.vaccineCode()));
            booked.add(new Placed(slip, request.language(), "sms.appointment-booked"));
            results.add(Optional.of(slip));
        }
        var rows = booked.stream().map(b -> b.slip().appointment()).toList();
        if (insertAppointments(rows, now).size() != rows.size()) {
            throw new DuplicateKeyException("a person allocated a place holds an appointment for the dose already");
        }
        recordBooked(booked, now);
        return results;
    }

    /** Cancels an appointment of the mobile's family; its place is free again at once. */
    @Transactional
    public void cancel(String mobile, UUID appointmentId, Locale language) {
        Appointment appointment = get(appointmentId, mobile);
        end(appointment, Appointment.Status.CANCELLED);
        Beneficiary beneficiary = beneficiaries.get(appointment.beneficiaryId(), mobile);
        Session session = sessions.find(appointment.sessionId()).orElseThrow();
        outbox.enqueue(new Sms(mobile, "sms.appointment-cancelled", language,
                List.of(beneficiary.name(), centerName(session, language), date(session.date(), language)),
                "cancelled:" + appointment.id(), Priority.TRANSACTIONAL)
                .about(session.districtId(), session.centerId(), appointment.id()));
    }

    /** Moves an appointment to another session and slot, all or nothing: if the new place is not free, the old one is kept. */
    @Transactional
    public Appointment reschedule(String mobile, UUID appointmentId, UUID sessionId, int slotNo, String idempotencyKey,
                                  Locale language) {
        Optional<Appointment> earlier = replay(mobile, idempotencyKey);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Appointment old = get(appointmentId, mobile);
        end(old, Appointment.Status.RESCHEDULED);
        Beneficiary beneficiary = beneficiaries.get(old.beneficiaryId(), mobile);
        Session session = sessions.find(sessionId).orElseThrow(() -> BookingRefusedException.notFound("booking.error.session-unknown"));
        Appointment appointment = place(beneficiary, session, slotNo, old.dose(), old.source(), language, "sms.appointment-rescheduled");
        remember(mobile, idempotencyKey, appointment);
        return appointment;
    }

    /** One appointment of the mobile's family; another family's is "not found". */
    public Appointment get(UUID appointmentId, String mobile) {
        Appointment appointment = jdbc.sql("select " + COLUMNS + " from appointments where id = ?")
                .param(appointmentId).query(Bookings::appointment).optional()
                .orElseThrow(() -> BookingRefusedException.notFound("booking.error.appointment-unknown"));
        if (beneficiaries.family(mobile).stream().noneMatch(b -> b.id().equals(appointment.beneficiaryId()))) {
            throw BookingRefusedException.notFound("booking.error.appointment-unknown");
        }
        return appointment;
    }

    /** The slip of an appointment of the mobile's family. */
    public AppointmentSlip slip(UUID appointmentId, String mobile) {
        Appointment appointment = get(appointmentId, mobile);
        return slip(appointment, beneficiaries.get(appointment.beneficiaryId(), mobile));
    }

    /** The slip of an appointment whose beneficiary the caller already holds. */
    public AppointmentSlip slip(Appointment appointment, Beneficiary beneficiary) {
        Session session = sessions.find(appointment.sessionId()).orElseThrow();
        return new AppointmentSlip(appointment, beneficiary, session,
                session.slots().stream().filter(s -> s.number() == appointment.slotNo()).findFirst().orElseThrow(),
                centers.find(session.centerId()).orElseThrow(), vaccines.find(session.vaccineCode()).orElseThrow());
    }

    /** The active appointments of a beneficiary, by dose. */
    public List<Appointment> activeOf(UUID beneficiaryId) {
        return jdbc.sql("select " + COLUMNS + " from appointments where beneficiary_id = ? and status in ('BOOKED', 'CHECKED_IN') order by dose")
                .param(beneficiaryId).query(Bookings::appointment).list();
    }

    /**
     * Everyone with an active appointment at a center the scope covers on a day, by slot then name:
     * the people a center's call list is made of.
     */
    public List<Attendee> attendees(int centerId, LocalDate date, org.teeka.account.StaffScope scope) {
        List<Session> daySessions = sessions.atCenter(centerId, date, 1, scope);
        if (daySessions.isEmpty()) {
            return List.of();
        }
        Map<UUID, Session> byId = new HashMap<>();
        daySessions.forEach(session -> byId.put(session.id(), session));
        List<Appointment> booked = jdbc.sql("select " + COLUMNS + " from appointments where session_id = any(?) and status = 'BOOKED'")
                .param(byId.keySet().toArray(UUID[]::new)).query(Bookings::appointment).list();
        Map<UUID, Beneficiary> people = new HashMap<>();
        beneficiaries.findAll(booked.stream().map(Appointment::beneficiaryId).toList()).forEach(b -> people.put(b.id(), b));
        return booked.stream()
                .filter(a -> people.containsKey(a.beneficiaryId()))
                .map(a -> {
                    Beneficiary person = people.get(a.beneficiaryId());
                    Slot slot = byId.get(a.sessionId()).slots().stream().filter(s -> s.number() == a.slotNo()).findFirst().orElseThrow();
                    return new Attendee(a.id(), a.dose(), person.name(), person.mobile(), person.referenceId(), slot.startsAt(), slot.endsAt());
                })
                .sorted(Comparator.comparing(Attendee::startsAt).thenComparing(Attendee::name).thenComparing(Attendee::referenceId))
                .toList();
    }

    /**
     * Tells the citizen that an appointment was missed and how to book again ({@code sms.appointment-missed}),
     * in the caller's transaction, and withdraws its reminder if still scheduled. For the center
     * console that marks no-shows; telling twice sends one SMS. Returns false when already told, or
     * when the person has no mobile (a walk-in registered without one).
     */
    @Transactional
    public boolean tellMissed(UUID appointmentId) {
        Appointment appointment = jdbc.sql("select " + COLUMNS + " from appointments where id = ?").param(appointmentId)
                .query(Bookings::appointment).optional()
                .orElseThrow(() -> BookingRefusedException.notFound("booking.error.appointment-unknown"));
        Beneficiary beneficiary = beneficiaries.find(appointment.beneficiaryId())
                .orElseThrow(() -> BookingRefusedException.notFound("booking.error.appointment-unknown"));
        outbox.withdraw(reminderKey(appointment.id()));
        if (beneficiary.mobile() == null) {
            return false;
        }
        Session session = sessions.find(appointment.sessionId()).orElseThrow();
        Locale language = beneficiaries.languageOf(beneficiary.mobile());
        return outbox.enqueue(new Sms(beneficiary.mobile(), "sms.appointment-missed", language,
                List.of(beneficiary.name(), appointment.dose(), centerName(session, language), date(session.date(), language)),
                "missed:" + appointment.id(), Priority.TRANSACTIONAL)
                .about(session.districtId(), session.centerId(), appointment.id()));
    }

    /** How many active appointments a session holds; for tests and reports. */
    public int activeIn(UUID sessionId) {
        return jdbc.sql("select count(*) from appointments where session_id = ? and status = 'BOOKED'")
                .param(sessionId).query(Integer.class).single();
    }

    private Appointment place(Beneficiary beneficiary, Session session, int slotNo, int dose, Appointment.Source source,
                              Locale language, String template) {
        check(List.of(beneficiary), session, slotNo, dose);
        if (!sessions.take(session.id(), slotNo, dose)) {
            throw BookingRefusedException.full((dose == 1 ? session.dose1Available() : session.dose2Available()) > 0);
        }
        return insert(beneficiary, session, slotNo, dose, source, language, template);
    }

    private Appointment insert(Beneficiary beneficiary, Session session, int slotNo, int dose, Appointment.Source source,
                               Locale language, String template) {
        UUID id = UUID.randomUUID();
        String code = SecurityCode.generate(RANDOM).value();
        try {
            jdbc.sql("""
                            insert into appointments (id, beneficiary_id, dose, session_id, slot_no, security_code, status, source, booked_at)
                            values (?, ?, ?, ?, ?, ?, 'BOOKED', ?, ?)""")
                    .params(id, beneficiary.id(), dose, session.id(), slotNo, code, source.name(), OffsetDateTime.now(clock))
                    .update();
        } catch (DuplicateKeyException alreadyBooked) {
            throw BookingRefusedException.conflict("booking.error.already-booked", dose);
        }
        // someone booked for a dose no longer waits for it (the waitlist's own booking then marks its entry booked)
        jdbc.sql("update waitlist_entries set status = 'LEFT' where beneficiary_id = ? and dose = ? and status = 'WAITING'")
                .params(beneficiary.id(), dose).update();
        Slot slot = session.slots().stream().filter(s -> s.number() == slotNo).findFirst().orElseThrow();
        String centerName = centerName(session, language);
        outbox.enqueue(appointmentSms(beneficiary, session, slot, dose, code, id, centerName, language, template));
        reminderSms(beneficiary, session, slot, dose, id, centerName, language, Instant.now(clock)).ifPresent(outbox::enqueue);
        events.publishEvent(new AppointmentBooked(id, beneficiary.id(), session.id(), dose));
        return get(id, beneficiary.mobile());
    }

    private void end(Appointment appointment, Appointment.Status status) {
        end(appointment, Appointment.Status.BOOKED, status);
    }

    /**
     * Ends an appointment that is still {@code from}: its reminder is withdrawn, its place given back
     * and {@link CapacityReleased} published (the waitlist may take the place); refused when it moved on meanwhile.
     */
    void end(Appointment appointment, Appointment.Status from, Appointment.Status status) {
        int ended = jdbc.sql("update appointments set status = ?, ended_at = now() where id = ? and status = ?")
                .params(status.name(), appointment.id(), from.name()).update();
        if (ended != 1) {
            throw BookingRefusedException.conflict("booking.error.not-active");
        }
        // the reminder goes with the appointment; one already sent cannot be taken back
        outbox.withdraw(reminderKey(appointment.id()));
        sessions.release(appointment.sessionId(), appointment.slotNo(), appointment.dose());
        // the place can be booked as soon as this commits, not only once knownFull forgets on its own
        var freed = List.of(sessionKey(appointment.sessionId(), appointment.dose()), slotKey(appointment.sessionId(), appointment.slotNo()));
        afterCommit(() -> knownFull.invalidateAll(freed));
        Session session = sessions.find(appointment.sessionId()).orElseThrow();
        events.publishEvent(new CapacityReleased(session.id(), session.districtId(), appointment.dose()));
    }

    /** A session's places for a dose (doses after the second count against the second's), as a key. */
    private static String sessionKey(UUID sessionId, int dose) {
        return sessionId + ":" + (dose == 1 ? 1 : 2);
    }

    /** A slot of a session (its places are shared by the doses), as a key. */
    private static String slotKey(UUID sessionId, int slotNo) {
        return sessionId + "/" + slotNo;
    }

    /** Runs once the caller's transaction has committed (never if it rolls back). */
    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    private Sms appointmentSms(AppointmentSlip slip, Locale language, String template) {
        Center center = slip.center();
        return appointmentSms(slip.beneficiary(), slip.session(), slip.slot(), slip.appointment().dose(), slip.appointment().securityCode(),
                slip.appointment().id(), centerLine(center, language), language, template);
    }

    private static String centerLine(Center center, Locale language) {
        return center == null ? "" : center.name(language) + ", " + center.address(language);
    }

    /** The dedupe key of an appointment's day-before reminder: cancelling or rescheduling withdraws it by this key. */
    static String reminderKey(UUID appointmentId) {
        return "reminder:" + appointmentId;
    }

    /** The day-before reminder of an appointment, due at the configured time; empty when that time has passed. */
    private Optional<Sms> reminderSms(Beneficiary beneficiary, Session session, Slot slot, int dose, UUID appointmentId,
                                      String centerName, Locale language, Instant now) {
        return reminders.dueFor(session.date(), now).map(due -> new Sms(beneficiary.mobile(), "sms.appointment-reminder", language,
                        List.of(beneficiary.name(), dose, centerName, date(session.date(), language), slot.startsAt() + "–" + slot.endsAt()),
                        reminderKey(appointmentId), Priority.BULK)
                .dueAt(due)
                .about(session.districtId(), session.centerId(), appointmentId));
    }

    private static Sms appointmentSms(Beneficiary beneficiary, Session session, Slot slot, int dose, String code, UUID appointmentId,
                                      String centerName, Locale language, String template) {
        return new Sms(beneficiary.mobile(), template, language,
                List.of(beneficiary.name(), dose, centerName, date(session.date(), language),
                        slot.startsAt().toString() + "–" + slot.endsAt(), code),
                "appointment:" + appointmentId, Priority.TRANSACTIONAL)
                .about(session.districtId(), session.centerId(), appointmentId);
    }

    /** Sessions at a preferred center first; then the earliest date; then the center nearest the beneficiary's PIN code. */
    private Comparator<Session> order(Beneficiary beneficiary, Integer preferredCenterId, Map<Integer, Center> centersById) {
        var distances = new HashMap<Integer, Double>();
        Comparator<Session> preferredFirst = Comparator.comparing(s -> !Objects.equals(s.centerId(), preferredCenterId));
        return preferredFirst.thenComparing(Session::date)
                .thenComparing(s -> distances.computeIfAbsent(s.centerId(), id -> distance(beneficiary, centersById.get(id))));
    }

    private Map<Integer, Center> centersOf(List<Session> sessions) {
        var found = new HashMap<Integer, Center>();
        sessions.forEach(s -> found.computeIfAbsent(s.centerId(), id -> centers.find(id).orElse(null)));
        return found;
    }

    private boolean slotStarted(Session session, Slot slot) {
        return session.date().atTime(slot.endsAt()).isBefore(java.time.LocalDateTime.now(clock));
    }

    private double distance(Beneficiary beneficiary, Center center) {
        return Optional.ofNullable(center)
                .flatMap(c -> geography.kilometres(beneficiary.pincode(), c.latitude().doubleValue(), c.longitude().doubleValue()))
                .orElse(Double.MAX_VALUE);
    }

    private String centerName(Session session, Locale language) {
        return centers.find(session.centerId()).map(c -> c.name(language) + ", " + c.address(language)).orElse("");
    }

    private static String date(LocalDate date, Locale language) {
        return date.format(DateTimeFormatter.ofPattern("d MMMM yyyy", language));
    }

    /** The first answer to this request, when it was made before; otherwise claims the key for this transaction. */
    private Optional<Appointment> replay(String owner, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return Optional.empty();
        }
        String key = "booking:" + owner + ":" + idempotencyKey;
        int claimed = jdbc.sql("insert into idempotency_keys (key, owner, result) values (?, ?, '') on conflict (key) do nothing")
                .params(key, owner).update();
        if (claimed == 1) {
            return Optional.empty();
        }
        String result = jdbc.sql("select result from idempotency_keys where key = ?").param(key).query(String.class).single();
        return Optional.of(get(UUID.fromString(result), owner));
    }

    private void remember(String owner, String idempotencyKey, Appointment appointment) {
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            jdbc.sql("update idempotency_keys set result = ? where key = ?")
                    .params(appointment.id().toString(), "booking:" + owner + ":" + idempotencyKey).update();
        }
    }

    static Appointment appointment(ResultSet rs, int row) throws SQLException {
        return new Appointment(rs.getObject("id", UUID.class), rs.getObject("beneficiary_id", UUID.class), rs.getInt("dose"),
                rs.getObject("session_id", UUID.class), rs.getInt("slot_no"), rs.getString("security_code"),
                Appointment.Status.valueOf(rs.getString("status")), Appointment.Source.valueOf(rs.getString("source")),
                rs.getObject("booked_at", OffsetDateTime.class).toInstant());
    }
}
