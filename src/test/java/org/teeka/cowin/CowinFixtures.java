package org.teeka.cowin;

import org.teeka.account.BearerTokens;
import org.teeka.account.Role;
import org.teeka.account.StaffScope;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.NewBeneficiary;
import org.teeka.beneficiary.PhotoIdType;
import org.teeka.center.Center;
import org.teeka.center.CenterDetails;
import org.teeka.center.Centers;
import org.teeka.center.FeeType;
import org.teeka.session.Session;
import org.teeka.session.SessionPlan;
import org.teeka.session.Sessions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeType;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Scenario building blocks for the CoWIN API's tests, reached through Teeka's own services. */
final class CowinFixtures {

    static final int PRAYAGRAJ = 624;
    static final int UTTAR_PRADESH = 34;
    static final StaffScope PRAYAGRAJ_ADMIN = StaffScope.district(Role.DISTRICT_ADMIN, UTTAR_PRADESH, PRAYAGRAJ);
    static final DateTimeFormatter COWIN_DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    static final String DATE_PATTERN = "[0-3][0-9]-[01][0-9]-20[0-9]{2}";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private final Centers centers;
    private final Sessions sessions;
    private final Beneficiaries beneficiaries;
    private final BearerTokens tokens;

    CowinFixtures(Centers centers, Sessions sessions, Beneficiaries beneficiaries, BearerTokens tokens) {
        this.centers = centers;
        this.sessions = sessions;
        this.beneficiaries = beneficiaries;
        this.tokens = tokens;
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Kolkata"));
    }

    static String cowinDate(LocalDate date) {
        return date.format(COWIN_DATE);
    }

    /** A mobile no other test uses. */
    static String newMobile() {
        return "7" + String.format("%09d", SEQUENCE.incrementAndGet() % 1_000_000_000L);
    }

    static String newVoterId() {
        return "CWN" + String.format("%07d", SEQUENCE.incrementAndGet() % 10_000_000L);
    }

    /**
     * A PIN code no other test's centers use, so that a public answer cached for another test
     * (for up to 4 s) cannot hide this test's centers.
     */
    static int newPincode() {
        return 800_000 + (int) (SEQUENCE.incrementAndGet() % 99_999);
    }

    /** A client address no other test uses, so each test has quotas of its own. */
    static String newAddress() {
        long n = SEQUENCE.incrementAndGet();
        return "10." + (n / 65_536 % 256) + "." + (n / 256 % 256) + "." + (n % 256);
    }

    String tokenFor(String mobile) {
        return "Bearer " + tokens.issue(mobile);
    }

    /** A new free Prayagraj center at the PIN code, with one Covishield 18+ session on the date: two slots, 09:00–13:00 and 13:00–17:00. */
    Session sessionAt(int pincode, LocalDate date, int dose1, int dose2) {
        Center center = center("CoWIN Test " + SEQUENCE.incrementAndGet(), pincode, FeeType.FREE, Map.of());
        return planned(center, date, dose1, dose2);
    }

    /** A new paid center with a fee for Covishield and one session on the date. */
    Session paidSessionAt(int pincode, LocalDate date, BigDecimal fee) {
        Center center = center("CoWIN Paid Test " + SEQUENCE.incrementAndGet(), pincode, FeeType.PAID, Map.of("COVISHIELD", fee));
        return planned(center, date, 10, 10);
    }

    Center center(String name, int pincode, FeeType feeType, Map<String, BigDecimal> fees) {
        return centers.create(new CenterDetails(name, "कोविन परीक्षण केंद्र", "Civil Lines", "सिविल लाइंस", "Chaka", "चाका",
                PRAYAGRAJ, pincode, new BigDecimal("25.45"), new BigDecimal("81.84"), feeType,
                LocalTime.of(9, 0), LocalTime.of(17, 0), fees), PRAYAGRAJ_ADMIN);
    }

    private Session planned(Center center, LocalDate date, int dose1, int dose2) {
        sessions.plan(center.id(), new SessionPlan("COVISHIELD", date, date, EnumSet.allOf(DayOfWeek.class), 18, null,
                dose1, dose2, LocalTime.of(9, 0), LocalTime.of(17, 0), 240), PRAYAGRAJ_ADMIN, "test");
        return sessions.atCenter(center.id(), date, 1, PRAYAGRAJ_ADMIN).getFirst();
    }

    Beneficiary registered(String mobile, String name, int birthYear) {
        return beneficiaries.register(mobile, new NewBeneficiary(name, birthYear, Gender.FEMALE, PhotoIdType.VOTER_ID,
                newVoterId(), PRAYAGRAJ, 211001), Locale.ENGLISH);
    }

    static JsonNode json(String body) {
        return JsonMapper.shared().readTree(body);
    }

    /**
     * Asserts the object has each named field with the given JSON type, given as pairs: name,
     * {@link JsonNodeType}. Other fields may be there too (Teeka may add fields).
     */
    static void hasFields(JsonNode object, Object... namesAndTypes) {
        assertThat(object.isObject()).as("an object: %s", object).isTrue();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            String name = (String) namesAndTypes[i];
            assertThat(object.has(name)).as("field %s in %s", name, object).isTrue();
            assertThat(object.get(name).getNodeType()).as("type of %s in %s", name, object).isEqualTo(namesAndTypes[i + 1]);
        }
    }

    /** The center fields every availability answer carries. */
    static void hasCenterFields(JsonNode center) {
        hasFields(center,
                "center_id", JsonNodeType.NUMBER, "name", JsonNodeType.STRING, "name_l", JsonNodeType.STRING,
                "address", JsonNodeType.STRING, "address_l", JsonNodeType.STRING,
                "state_name", JsonNodeType.STRING, "state_name_l", JsonNodeType.STRING,
                "district_name", JsonNodeType.STRING, "district_name_l", JsonNodeType.STRING,
                "block_name", JsonNodeType.STRING, "block_name_l", JsonNodeType.STRING,
                "pincode", JsonNodeType.NUMBER, "lat", JsonNodeType.NUMBER, "long", JsonNodeType.NUMBER,
                "from", JsonNodeType.STRING, "to", JsonNodeType.STRING, "fee_type", JsonNodeType.STRING);
        assertThat(center.get("center_id").isIntegralNumber()).isTrue();
        assertThat(center.get("pincode").isIntegralNumber()).isTrue();
        assertThat(center.get("from").asString()).matches("[0-2][0-9]:[0-5][0-9]:[0-5][0-9]");
        assertThat(center.get("to").asString()).matches("[0-2][0-9]:[0-5][0-9]:[0-5][0-9]");
        assertThat(center.get("fee_type").asString()).isIn("Free", "Paid");
    }

    /** The session fields every availability answer carries, capacity per dose and the sum. */
    static void hasSessionFields(JsonNode session) {
        hasFields(session,
                "session_id", JsonNodeType.STRING, "date", JsonNodeType.STRING,
                "available_capacity", JsonNodeType.NUMBER, "available_capacity_dose1", JsonNodeType.NUMBER,
                "available_capacity_dose2", JsonNodeType.NUMBER, "min_age_limit", JsonNodeType.NUMBER,
                "allow_all_age", JsonNodeType.BOOLEAN, "vaccine", JsonNodeType.STRING, "slots", JsonNodeType.ARRAY);
        assertThat(session.get("session_id").asString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(session.get("date").asString()).matches(DATE_PATTERN);
        assertThat(session.get("available_capacity").asInt())
                .isEqualTo(session.get("available_capacity_dose1").asInt() + session.get("available_capacity_dose2").asInt());
        if (session.has("max_age_limit")) {
            assertThat(session.get("max_age_limit").isIntegralNumber()).isTrue();
        }
    }
}
