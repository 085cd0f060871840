package org.teeka.beneficiary;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.teeka.geo.District;
import org.teeka.geo.Geography;
import org.teeka.notification.Outbox;
import org.teeka.notification.Priority;
import org.teeka.notification.Sms;
import org.teeka.platform.NotFoundException;
import org.teeka.platform.Secrets;
import org.teeka.platform.TeekaException;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Registers a mobile's family members and finds them. The database keeps the two rules that
 * matter under concurrency: at most four people per mobile, and one ID number for one person.
 */
@Service
public class Beneficiaries {

    /** How many people one mobile number may register. */
    public static final int MAX_PER_MOBILE = 4;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, reference_id, mobile, name, birth_year, gender, id_type, id_last4, pincode, district_id";

    private final JdbcClient jdbc;
    private final Geography geography;
    private final Secrets secrets;
    private final Outbox outbox;
    private final Clock clock;
    private final ObjectProvider<RemovalCheck> removalChecks;

    // the checks are looked up at removal time: the modules that make them depend on this one
    Beneficiaries(JdbcClient jdbc, Geography geography, Secrets secrets, Outbox outbox, Clock clock,
                  ObjectProvider<RemovalCheck> removalChecks) {
        this.jdbc = jdbc;
        this.geography = geography;
        this.secrets = secrets;
        this.outbox = outbox;
        this.clock = clock;
        this.removalChecks = removalChecks;
    }

    /** Registers a family member under the mobile, all or nothing, and queues the confirmation SMS. */
    @Transactional
    public Beneficiary register(String mobile, NewBeneficiary details, Locale language) {
        MobileNumber number = MobileNumber.of(mobile);
        PhotoId photoId = PhotoId.of(details.idType(), details.idNumber());
        BirthYear birthYear = BirthYear.of(details.birthYear(), Year.now(clock));
        District district = geography.district(details.districtId())
                .orElseThrow(() -> new RegistrationRefusedException("beneficiary.error.district-unknown"));
        geography.districtOfPinCode(details.pincode()).ifPresent(pinDistrict -> {
            if (pinDistrict.id() != district.id()) {
                throw new RegistrationRefusedException("beneficiary.error.pincode-elsewhere", pinDistrict.name(language));
            }
        });

        jdbc.sql("insert into citizen_accounts (mobile, language) values (?, ?) on conflict (mobile) do update set language = excluded.language")
                .params(number.value(), "hi".equals(language.getLanguage()) ? "hi" : "en").update();
        try {
            jdbc.sql("update citizen_accounts set members = members + 1 where mobile = ?").param(number.value()).update();
        } catch (DataIntegrityViolationException full) {
            throw new RegistrationRefusedException("beneficiary.error.family-full", MAX_PER_MOBILE);
        }
        UUID id = UUID.randomUUID();
        ReferenceId referenceId = ReferenceId.generate(RANDOM);
        try {
            jdbc.sql("""
                            insert into beneficiaries (id, reference_id, mobile, name, birth_year, gender, id_type, id_last4,
                                                       id_hash, pincode, district_id)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, referenceId.value(), number.value(), details.name().strip(), birthYear.value(),
                            details.gender().name(), photoId.type().name(), photoId.last4(),
                            secrets.hmac(photoId.type().name() + ":" + photoId.number()), details.pincode(), district.id())
                    .update();
        } catch (DuplicateKeyException taken) {
            throw new RegistrationRefusedException("beneficiary.error.id-taken");
        }
        outbox.enqueue(new Sms(number.value(), "sms.registered", language,
                List.of(details.name().strip(), referenceId.value()), "registered:" + id, Priority.TRANSACTIONAL).about(district.id(), null, null));
        return get(id, number.value());
    }

    /**
     * Registers the people of a list in the caller's transaction, by the rules of {@link #register}
     * held the same way: at most four people per mobile (the mobiles' accounts are locked, counted
     * and their CHECK still guards the count), one person per photo ID (the unique index; a person
     * someone registered meanwhile is refused, not doubled), and the PIN code in the district. Each
     * table is written with one statement for the whole batch. No registration SMS is queued: the
     * list's people are told where and when they are booked, or that they wait, by the caller.
     *
     * @param defaultLanguage SMS language of a person whose row names none and whose mobile is new
     * @return one result per person, in the order given
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Registration> registerAll(List<ListedPerson> people, int districtId, Locale defaultLanguage) {
        District district = geography.district(districtId)
                .orElseThrow(() -> new RegistrationRefusedException("beneficiary.error.district-unknown"));
        var results = new Registration[people.size()];
        var candidates = new ArrayList<Integer>();
        for (int i = 0; i < people.size(); i++) {
            var elsewhere = geography.districtOfPinCode(people.get(i).pincode()).filter(d -> d.id() != district.id());
            if (elsewhere.isPresent()) {
                results[i] = Registration.Refused.of("beneficiary.error.pincode-elsewhere", elsewhere.get().name(defaultLanguage));
            } else {
                candidates.add(i);
            }
        }

        // accounts: created where new, then all locked in one order, so their counts cannot move under us
        var newAccounts = new java.util.TreeMap<String, String>();
        for (int i : candidates) {
            ListedPerson person = people.get(i);
            newAccounts.putIfAbsent(person.mobile().value(), languageTag(person.language() != null ? person.language() : defaultLanguage));
        }
        jdbc.sql("""
                        insert into citizen_accounts (mobile, language)
                        select * from unnest(cast(? as text[]), cast(? as text[])) on conflict (mobile) do nothing""")
                .params(newAccounts.keySet().toArray(String[]::new), newAccounts.values().toArray(String[]::new)).update();
        record Account(int members, String language) {
        }
        var accounts = new HashMap<String, Account>();
        jdbc.sql("select mobile, members, language from citizen_accounts where mobile = any(?) order by mobile for update")
                .param(newAccounts.keySet().toArray(String[]::new))
                .query(rs -> {
                    accounts.put(rs.getString(1), new Account(rs.getInt(2), rs.getString(3)));
                });

        var members = new HashMap<String, Integer>();
        var toInsert = new ArrayList<Integer>();
        for (int i : candidates) {
            String mobile = people.get(i).mobile().value();
            int count = members.computeIfAbsent(mobile, m -> accounts.get(m).members());
            if (count >= MAX_PER_MOBILE) {
                results[i] = Registration.Refused.of("beneficiary.error.list-family-full", MAX_PER_MOBILE);
            } else {
                members.put(mobile, count + 1);
                toInsert.add(i);
            }
        }

        int n = toInsert.size();
        var ids = new UUID[n];
        var references = new String[n];
        var mobiles = new String[n];
        var names = new String[n];
        var birthYears = new Integer[n];
        var genders = new String[n];
        var idTypes = new String[n];
        var last4s = new String[n];
        var hashes = new String[n];
        var pincodes = new Integer[n];
        var categories = new String[n];
        for (int k = 0; k < n; k++) {
            ListedPerson person = people.get(toInsert.get(k));
            ids[k] = UUID.randomUUID();
            references[k] = ReferenceId.generate(RANDOM).value();
            mobiles[k] = person.mobile().value();
            names[k] = person.name();
            birthYears[k] = person.birthYear().value();
            genders[k] = person.gender().name();
            idTypes[k] = person.photoId().type().name();
            last4s[k] = person.photoId().last4();
            hashes[k] = person.idHash();
            pincodes[k] = person.pincode();
            categories[k] = person.category().name();
        }
        var inserted = new java.util.HashSet<UUID>(jdbc.sql("""
                        insert into beneficiaries (id, reference_id, mobile, name, birth_year, gender, id_type, id_last4, id_hash,
                                                   pincode, district_id, category)
                        select id, reference_id, mobile, name, birth_year, gender, id_type, id_last4, id_hash, pincode, ?, category
                        from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as integer[]),
                                    cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as integer[]),
                                    cast(? as text[]))
                             as t(id, reference_id, mobile, name, birth_year, gender, id_type, id_last4, id_hash, pincode, category)
                        on conflict (id_type, id_hash) do nothing
                        returning id""")
                .params(district.id(), ids, references, mobiles, names, birthYears, genders, idTypes, last4s, hashes, pincodes, categories)
                .query(UUID.class).list());

        var added = new java.util.TreeMap<String, Integer>();
        for (int k = 0; k < n; k++) {
            int i = toInsert.get(k);
            ListedPerson person = people.get(i);
            if (!inserted.contains(ids[k])) {
                results[i] = Registration.Refused.of("beneficiary.error.id-taken");
                continue;
            }
            added.merge(mobiles[k], 1, Integer::sum);
            Locale language = person.language() != null ? person.language()
                    : Locale.forLanguageTag(accounts.get(mobiles[k]).language());
            results[i] = new Registration.Registered(new Beneficiary(ids[k], references[k], mobiles[k], names[k], birthYears[k],
                    person.gender(), person.photoId().type(), last4s[k], pincodes[k], district.id()), language);
        }
        jdbc.sql("""
                        update citizen_accounts a set members = a.members + c.added
                        from unnest(cast(? as text[]), cast(? as integer[])) as c(mobile, added) where a.mobile = c.mobile""")
                .params(added.keySet().toArray(String[]::new), added.values().toArray(Integer[]::new)).update();
        return List.of(results);
    }

    private static String languageTag(Locale language) {
        return "hi".equals(language.getLanguage()) ? "hi" : "en";
    }

    /**
     * Removes a family member of the mobile, when no module objects (an active appointment or a
     * dose on record does); the mobile may then register someone else in their place. Their ID
     * number is free again. The row is locked first, so a booking or a dose racing the removal
     * either is seen by the checks or fails on the missing beneficiary.
     */
    @Transactional
    public void remove(String referenceId, String mobile) {
        UUID id = jdbc.sql("select id from beneficiaries where reference_id = ? and mobile = ? for update")
                .params(referenceId, mobile).query(UUID.class).optional()
                .orElseThrow(BeneficiaryNotFoundException::new);
        Beneficiary beneficiary = get(id, mobile);
        for (RemovalCheck check : removalChecks.orderedStream().toList()) {
            check.refusal(beneficiary).ifPresent(code -> {
                throw new RemovalRefusedException(code);
            });
        }
        jdbc.sql("delete from beneficiaries where id = ?").param(id).update();
        jdbc.sql("update citizen_accounts set members = members - 1 where mobile = ?").param(mobile).update();
    }

    /**
     * Registers someone at a vaccination center (a walk-in, or assisted registration). With a
     * mobile this is {@link #register}: the family limit and the confirmation SMS apply. Without
     * one the person is registered with no mobile at all (not the center's number, which would
     * fill its family of four at once and send strangers' SMS to the center): no SMS can reach
     * them, so the center prints their reference id, and no citizen can sign in to see them.
     */
    @Transactional
    public Beneficiary registerAtCenter(String mobileOrNull, NewBeneficiary details, Locale language) {
        if (mobileOrNull != null && !mobileOrNull.isBlank()) {
            return register(mobileOrNull, details, language);
        }
        PhotoId photoId = PhotoId.of(details.idType(), details.idNumber());
        BirthYear birthYear = BirthYear.of(details.birthYear(), Year.now(clock));
        District district = geography.district(details.districtId())
                .orElseThrow(() -> new RegistrationRefusedException("beneficiary.error.district-unknown"));
        geography.districtOfPinCode(details.pincode()).ifPresent(pinDistrict -> {
            if (pinDistrict.id() != district.id()) {
                throw new RegistrationRefusedException("beneficiary.error.pincode-elsewhere", pinDistrict.name(language));
            }
        });
        UUID id = UUID.randomUUID();
        ReferenceId referenceId = ReferenceId.generate(RANDOM);
        int inserted = jdbc.sql("""
                        insert into beneficiaries (id, reference_id, mobile, name, birth_year, gender, id_type, id_last4,
                                                   id_hash, pincode, district_id)
                        values (?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (id_type, id_hash) do nothing""")
                .params(id, referenceId.value(), details.name().strip(), birthYear.value(),
                        details.gender().name(), photoId.type().name(), photoId.last4(),
                        secrets.hmac(photoId.type().name() + ":" + photoId.number()), details.pincode(), district.id())
                .update();
        if (inserted == 0) {
            throw new RegistrationRefusedException("beneficiary.error.id-taken");
        }
        return find(id).orElseThrow();
    }

    /** Anyone by their reference id, for the center console (whose every lookup is audited and rationed). */
    public java.util.Optional<Beneficiary> byReference(ReferenceId referenceId) {
        return jdbc.sql("select " + COLUMNS + " from beneficiaries where reference_id = ?").param(referenceId.value())
                .query(Beneficiaries::beneficiary).optional();
    }

    /** The family registered under the mobile, oldest registration first. */
    public List<Beneficiary> family(String mobile) {
        return jdbc.sql("select " + COLUMNS + " from beneficiaries where mobile = ? order by created_at, reference_id")
                .param(mobile).query(Beneficiaries::beneficiary).list();
    }

    /** One of the mobile's family members; someone else's is "not found", never "forbidden", so ids reveal nothing. */
    public Beneficiary get(UUID id, String mobile) {
        return jdbc.sql("select " + COLUMNS + " from beneficiaries where id = ? and mobile = ?").params(id, mobile)
                .query(Beneficiaries::beneficiary).optional().orElseThrow(BeneficiaryNotFoundException::new);
    }

    public Beneficiary byReference(String referenceId, String mobile) {
        return jdbc.sql("select " + COLUMNS + " from beneficiaries where reference_id = ? and mobile = ?")
                .params(referenceId, mobile)
                .query(Beneficiaries::beneficiary).optional().orElseThrow(BeneficiaryNotFoundException::new);
    }

    /** The language the mobile's citizen last registered in: SMS sent without a page open use it. */
    public Locale languageOf(String mobile) {
        return jdbc.sql("select language from citizen_accounts where mobile = ?").param(mobile).query(String.class).optional()
                .map(Locale::forLanguageTag).orElse(Locale.ENGLISH);
    }

    /** Any beneficiary by id, for modules acting on the platform's behalf (the waitlist). */
    public java.util.Optional<Beneficiary> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from beneficiaries where id = ?").param(id).query(Beneficiaries::beneficiary).optional();
    }

    /** Any beneficiaries by id, for modules acting on the platform's behalf (a center's call list); unknown ids are left out. */
    public List<Beneficiary> findAll(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from beneficiaries where id = any(?)").param(ids.toArray(UUID[]::new))
                .query(Beneficiaries::beneficiary).list();
    }

    private static Beneficiary beneficiary(ResultSet rs, int row) throws SQLException {
        return new Beneficiary(rs.getObject("id", UUID.class), rs.getString("reference_id"), rs.getString("mobile"),
                rs.getString("name"), rs.getInt("birth_year"), Gender.valueOf(rs.getString("gender")),
                PhotoIdType.valueOf(rs.getString("id_type")), rs.getString("id_last4"), rs.getInt("pincode"),
                rs.getInt("district_id"));
    }

    /** The registration breaks a rule the citizen can fix or must know. */
    public static class RegistrationRefusedException extends TeekaException {

        RegistrationRefusedException(String code, Object... arguments) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, code, arguments);
        }
    }

    /** The beneficiary cannot be removed; the code, named by the module that objects, says why. */
    public static class RemovalRefusedException extends TeekaException {

        RemovalRefusedException(String code) {
            super(HttpStatus.CONFLICT, code);
        }
    }

    /** No such family member under this mobile. */
    public static class BeneficiaryNotFoundException extends NotFoundException {

        BeneficiaryNotFoundException() {
            super("beneficiary.error.not-found");
        }
    }
}
