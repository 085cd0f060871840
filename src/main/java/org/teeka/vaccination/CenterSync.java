package org.teeka.vaccination;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.teeka.account.Permission;
import org.teeka.account.StaffPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.NewBeneficiary;
import org.teeka.beneficiary.PhotoIdType;
import org.teeka.booking.Appointment;
import org.teeka.booking.CenterAppointments;
import org.teeka.center.Centers;
import org.teeka.platform.OutOfScopeException;
import org.teeka.platform.Secrets;
import org.teeka.platform.TeekaException;
import org.teeka.session.Session;
import org.teeka.session.Sessions;
import org.teeka.session.Slot;
import org.teeka.vaccine.VaccineCatalog;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Offline center mode, server side: the day's list a device keeps, and the sync of what it
 * recorded while the server could not be reached. Each item goes through
 * {@link Vaccinations#record} on its own (its own transaction), so a batch cut off half-way leaves
 * the items already answered recorded and the rest to be sent again; a resent item answers Duplicate.
 *
 * <p>The list holds only what verifying a person needs: a name, the dose and slot, and keyed hashes
 * of the reference id and of the appointment code with its security code. The hash key is made for
 * one center and one day, so a lost tablet exposes today's names at one center, never a security
 * code or a reference id in clear, and tomorrow's key differs.
 */
@Service
public class CenterSync {

    /** Items in one sync request; a device sends its queue in batches of at most this many. */
    public static final int MAX_BATCH = 50;

    private final Sessions sessions;
    private final Centers centers;
    private final CenterAppointments appointments;
    private final Beneficiaries beneficiaries;
    private final VaccineCatalog vaccines;
    private final Lots lots;
    private final Vaccinations vaccinations;
    private final DoseRecords records;
    private final Secrets secrets;
    private final MessageSource messages;
    private final Clock clock;
    private final TransactionTemplate transaction;

    CenterSync(Sessions sessions, Centers centers, CenterAppointments appointments, Beneficiaries beneficiaries,
               VaccineCatalog vaccines, Lots lots, Vaccinations vaccinations, DoseRecords records, Secrets secrets, MessageSource messages,
               Clock clock, PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
        this.sessions = sessions;
        this.centers = centers;
        this.appointments = appointments;
        this.beneficiaries = beneficiaries;
        this.vaccines = vaccines;
        this.lots = lots;
        this.vaccinations = vaccinations;
        this.records = records;
        this.secrets = secrets;
        this.messages = messages;
        this.clock = clock;
    }

    /** Today's list for the staff member's own center; only center staff who record doses keep one. */
    public DayList dayList(StaffPrincipal by, Locale language) {
        int centerId = ownCenter(by, Permission.RECORD_DOSES);
        LocalDate today = LocalDate.now(clock);
        byte[] key = dayKey(centerId, today);
        List<Session> todays = sessions.atCenter(centerId, today, 1, by.scope()).stream()
                .filter(s -> s.date().equals(today)).toList();
        Map<UUID, Session> byId = todays.stream().collect(Collectors.toMap(Session::id, Function.identity()));
        var people = new ArrayList<Person>();
        for (Appointment appointment : appointments.inSessions(byId.keySet())) {
            if (appointment.status() != Appointment.Status.BOOKED && appointment.status() != Appointment.Status.CHECKED_IN) {
                continue;
            }
            Beneficiary person = beneficiaries.find(appointment.beneficiaryId()).orElse(null);
            if (person == null) {
                continue;
            }
            Session session = byId.get(appointment.sessionId());
            String slot = session.slots().stream().filter(s -> s.number() == appointment.slotNo()).findFirst()
                    .map(CenterSync::slotTime).orElse("");
            people.add(new Person(person.id(), person.name(), appointment.dose(), session.id(), slot,
                    hmac(key, "ref:" + person.referenceId()),
                    hmac(key, "code:" + appointment.shortCode() + ":" + appointment.securityCode())));
        }
        var daySessions = todays.stream().map(s -> new DaySession(s.id(), s.vaccineCode(),
                vaccines.find(s.vaccineCode()).map(v -> v.name(language)).orElse(s.vaccineCode()),
                lots.usable(s.vaccineCode(), today).stream().map(Lot::lotNumber).toList())).toList();
        String centerName = centers.find(centerId).map(c -> c.name(language)).orElse("");
        int utcOffsetMinutes = clock.getZone().getRules().getOffset(clock.instant()).getTotalSeconds() / 60;
        return new DayList(centerId, centerName, today, utcOffsetMinutes, Base64.getEncoder().encodeToString(key), daySessions, people);
    }

    /** Records each item of a device's batch, in order, and answers for each. */
    public List<ItemResult> sync(String deviceId, List<DoseEntry> items, StaffPrincipal by, Locale language) {
        ownCenter(by, Permission.RECORD_DOSES);
        var results = new ArrayList<ItemResult>(items.size());
        for (DoseEntry item : items) {
            DoseEntry entry = item == null ? null : new DoseEntry(item.eventId(), item.beneficiaryId(), item.dose(), item.vaccineCode(),
                    item.lotNumber(), item.sessionId(), item.administeredAt(), deviceId);
            results.add(answer(entry == null ? null : entry.eventId(), vaccinations.record(entry, by), language));
        }
        return results;
    }

    /**
     * Someone not on the day's list, registered, booked and vaccinated on a device while offline: the
     * online walk-in path (register at the center, book into the session within its capacity, record)
     * in ONE transaction, so a refusal at any step (full session, photo id taken, expired lot) leaves no
     * person and no booking behind. The item's event id is the dose's: a replay finds the record and
     * answers Duplicate; two replays racing both try to register the same photo id, the loser waits
     * for the winner, is refused, and answers Duplicate too. Never a second person or booking.
     */
    public ItemResult walkIn(String deviceId, WalkIn item, StaffPrincipal by, Locale language) {
        int centerId = ownCenter(by, Permission.RECORD_DOSES);
        Optional<DoseOutcome> replayed = item.eventId() == null ? Optional.empty() : replay(item.eventId());
        if (replayed.isPresent()) {
            return answer(item.eventId(), replayed.get(), language);
        }
        if (!item.complete()) {
            return answer(item.eventId(), DoseOutcome.Refused.of("offline.error.walk-in-details"), language);
        }
        if (item.mobile() != null && !item.mobile().isBlank() && !item.mobile().strip().matches("[6-9][0-9]{9}")) {
            return answer(item.eventId(), DoseOutcome.Refused.of("console.error.mobile"), language);
        }
        DoseOutcome outcome;
        try {
            outcome = transaction.execute(tx -> {
                var center = centers.find(centerId).orElseThrow();
                Beneficiary person = beneficiaries.registerAtCenter(item.mobile() == null ? null : item.mobile().strip(),
                        new NewBeneficiary(item.name().strip(), item.birthYear(), Gender.valueOf(item.gender()),
                                PhotoIdType.valueOf(item.idType()), item.idNumber().strip(), center.districtId(), center.pincode()), language);
                appointments.bookWalkIn(person, item.sessionId(), item.dose());
                DoseOutcome recorded = vaccinations.record(new DoseEntry(item.eventId(), person.id(), item.dose(), item.vaccineCode(),
                        item.lotNumber(), item.sessionId(), item.administeredAt(), deviceId), by);
                if (!(recorded instanceof DoseOutcome.Accepted)) {
                    tx.setRollbackOnly();
                }
                return recorded;
            });
        } catch (TeekaException refused) {
            outcome = replay(item.eventId()).orElse(new DoseOutcome.Refused(refused.code(), List.of(refused.arguments())));
        }
        return answer(item.eventId(), outcome, language);
    }

    private Optional<DoseOutcome> replay(UUID eventId) {
        return records.byEvent(eventId).map(DoseOutcome.Duplicate::new);
    }

    /** A walk-in as a device kept it: the person's details and the dose, under one event id. */
    public record WalkIn(UUID eventId, String name, Integer birthYear, String gender, String mobile, String idType, String idNumber,
                         int dose, String vaccineCode, String lotNumber, UUID sessionId, Instant administeredAt) {

        boolean complete() {
            return eventId != null && name != null && !name.isBlank() && name.length() <= 100 && birthYear != null
                    && idNumber != null && !idNumber.isBlank() && idNumber.length() <= 30 && sessionId != null
                    && isOneOf(gender, Gender.values()) && isOneOf(idType, PhotoIdType.values());
        }

        private static boolean isOneOf(String value, Enum<?>[] values) {
            return java.util.Arrays.stream(values).anyMatch(v -> v.name().equals(value));
        }
    }

    /** One outcome as a device or a report shows it: the outcome's name and a sentence in the reader's language. */
    public ItemResult answer(UUID eventId, DoseOutcome outcome, Locale language) {
        return switch (outcome) {
            case DoseOutcome.Accepted a -> new ItemResult(eventId, "ACCEPTED", message("offline.outcome.accepted", List.of(), language));
            case DoseOutcome.Duplicate d -> new ItemResult(eventId, "DUPLICATE", message("offline.outcome.duplicate", List.of(), language));
            case DoseOutcome.Conflict c -> new ItemResult(eventId, "CONFLICT", message(c.reason(), List.of(), language));
            case DoseOutcome.Refused r -> new ItemResult(eventId, "REFUSED", message(r.code(), r.arguments(), language));
        };
    }

    /** The conflicts at a center (scope checked by the caller), newest first, each beside the record in force: for its manager. */
    public List<ConflictView> conflicts(int centerId, StaffPrincipal by) {
        return vaccinations.conflictsAt(centerId, by).stream().map(c -> {
            Beneficiary person = beneficiaries.find(c.beneficiaryId()).orElse(null);
            DoseRecord existing = records.find(c.existingId()).orElse(null);
            return new ConflictView(c, person == null ? "" : person.name(), person == null ? "" : person.referenceId(), existing,
                    existing == null ? "–" : time(existing.administeredAt()), time(c.administeredAt() == null ? null : c.administeredAt().toInstant()));
        }).toList();
    }

    /** A conflict as the manager sees it: who, and the record in force beside the one that differs. */
    public record ConflictView(DoseConflict conflict, String name, String referenceId, DoseRecord existing, String existingTime,
                               String conflictTime) {
    }

    private String time(Instant at) {
        return at == null ? "–" : java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(at.atZone(clock.getZone()));
    }

    /** Throws unless the staff member records doses at a center of their own. */
    public static void requireRecorder(StaffPrincipal by) {
        ownCenter(by, Permission.RECORD_DOSES);
    }

    /** The center of a member of a center's staff allowed to do this; anyone else is out of scope. */
    static int ownCenter(StaffPrincipal by, Permission permission) {
        if (by.scope().centerId() == null || !by.scope().allows(permission)) {
            throw new OutOfScopeException();
        }
        return by.scope().centerId();
    }

    private String message(String code, List<Object> arguments, Locale language) {
        return messages.getMessage(code, arguments.toArray(), code, language);
    }

    private byte[] dayKey(int centerId, LocalDate day) {
        return HexFormat.of().parseHex(secrets.hmac("offline-day-list:" + centerId + ":" + day));
    }

    static String hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String slotTime(Slot slot) {
        return slot.startsAt() + "–" + slot.endsAt();
    }

    /**
     * What a device keeps for the day. {@code key} is the HMAC key of the hashes, for this center and day only;
     * {@code utcOffsetMinutes} is the offset of the platform's time zone, so a device tells when the day is over
     * by the platform's calendar (India's), not by whatever zone the device's clock is set to.
     */
    public record DayList(int centerId, String centerName, LocalDate date, int utcOffsetMinutes, String key, List<DaySession> sessions,
                          List<Person> people) {
    }

    public record DaySession(UUID id, String vaccineCode, String vaccineName, List<String> lots) {
    }

    /**
     * One expected person: {@code referenceHash} is HMAC(key, "ref:" + reference id),
     * {@code codeHash} HMAC(key, "code:" + appointment short code + ":" + security code).
     */
    public record Person(UUID beneficiaryId, String name, int dose, UUID sessionId, String slot, String referenceHash, String codeHash) {
    }

    /** @param outcome ACCEPTED, DUPLICATE, CONFLICT or REFUSED */
    public record ItemResult(UUID eventId, String outcome, String message) {
    }

}
