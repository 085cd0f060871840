package org.teeka.beneficiary;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
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
                List.of(details.name().strip(), referenceId.value()), "registered:" + id, Priority.TRANSACTIONAL));
        return get(id, number.value());
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
