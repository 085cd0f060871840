package org.teeka.cowin;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.stereotype.Service;
import org.teeka.center.Center;
import org.teeka.center.Centers;
import org.teeka.center.FeeType;
import org.teeka.geo.District;
import org.teeka.geo.Geography;
import org.teeka.geo.State;
import org.teeka.session.Session;
import org.teeka.session.SessionSearch;
import org.teeka.session.Sessions;
import org.teeka.session.Slot;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Centers and their sessions in CoWIN's shapes, read from Teeka's sessions and centers: a flat
 * object per session (findBy*), or centers each with their sessions (calendarBy*). Capacity is
 * per dose, as Teeka keeps it; {@code available_capacity} is the sum.
 */
@Service
class Availability {

    static final int CALENDAR_DAYS = 7;
    static final double NEARBY_KILOMETRES = 50;
    static final int NEARBY_CENTERS = 50;

    private final Sessions sessions;
    private final Centers centers;
    private final Geography geography;

    Availability(Sessions sessions, Centers centers, Geography geography) {
        this.sessions = sessions;
        this.centers = centers;
        this.geography = geography;
    }

    /** How an answer is written: the language of the {@code *_l} fields, and slots as strings or objects. */
    record View(Locale language, boolean slotObjects) {
    }

    List<FlatSession> findByPin(int pincode, LocalDate date, String vaccine, View view) {
        return flat(search(centers.atPincode(pincode), null, date, 1, vaccine), view);
    }

    List<FlatSession> findByDistrict(int districtId, LocalDate date, String vaccine, View view) {
        return flat(search(centers.inDistrict(districtId), districtId, date, 1, vaccine), view);
    }

    List<CenterView> calendarByPin(int pincode, LocalDate from, String vaccine, View view) {
        return calendar(search(centers.atPincode(pincode), null, from, CALENDAR_DAYS, vaccine), view);
    }

    List<CenterView> calendarByDistrict(int districtId, LocalDate from, String vaccine, View view) {
        return calendar(search(centers.inDistrict(districtId), districtId, from, CALENDAR_DAYS, vaccine), view);
    }

    /** One center with its sessions of the week from the date (none is an empty list); empty when there is no such center. */
    Optional<CenterView> calendarByCenter(int centerId, LocalDate from, String vaccine, View view) {
        return centers.find(centerId).map(center -> {
            var found = search(List.of(center), null, from, CALENDAR_DAYS, vaccine);
            return centerView(center, found.getOrDefault(center, List.of()), view);
        });
    }

    /** Centers near a point, nearest first, without sessions. */
    List<CenterView> near(double latitude, double longitude, View view) {
        return centers.near(latitude, longitude, NEARBY_KILOMETRES, NEARBY_CENTERS).stream()
                .map(center -> centerView(center, null, view)).toList();
    }

    /** The vaccine as a CoWIN client names it ("COVISHIELD", "Covaxin", "SPUTNIK V"), as Teeka's code; null for none. */
    static String vaccineCode(String vaccine) {
        if (vaccine == null || vaccine.isBlank()) {
            return null;
        }
        return vaccine.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    }

    /** The sessions of the given centers, grouped by center in the centers' order; centers without sessions are left out. */
    private Map<Center, List<Session>> search(List<Center> candidates, Integer districtId, LocalDate from, int days, String vaccine) {
        if (candidates.isEmpty()) {
            return Map.of();
        }
        Map<Integer, Center> byId = candidates.stream().collect(Collectors.toMap(Center::id, Function.identity()));
        var found = sessions.search(new SessionSearch(from, days, districtId,
                districtId == null ? candidates.stream().map(Center::id).toList() : null, vaccineCode(vaccine), null, null));
        Map<Integer, List<Session>> byCenter = found.stream().filter(s -> byId.containsKey(s.centerId()))
                .collect(Collectors.groupingBy(Session::centerId));
        var result = new LinkedHashMap<Center, List<Session>>();
        for (Center center : candidates) {
            List<Session> at = byCenter.get(center.id());
            if (at != null) {
                result.put(center, at);
            }
        }
        return result;
    }

    private List<FlatSession> flat(Map<Center, List<Session>> found, View view) {
        var result = new ArrayList<FlatSession>();
        found.forEach((center, list) -> list.forEach(session -> result.add(FlatSession.of(centerView(center, null, view),
                sessionView(session, view), fee(center, session.vaccineCode())))));
        return result;
    }

    private List<CenterView> calendar(Map<Center, List<Session>> found, View view) {
        return found.entrySet().stream().map(e -> centerView(e.getKey(), e.getValue(), view)).toList();
    }

    private CenterView centerView(Center center, List<Session> sessions, View view) {
        Locale language = view.language();
        Optional<State> state = geography.state(center.stateId());
        Optional<District> district = geography.district(center.districtId());
        boolean paid = center.feeType() == FeeType.PAID;
        return new CenterView(center.id(), center.name(), center.name(language), center.address(), center.address(language),
                state.map(State::name).orElse(""), state.map(s -> s.name(language)).orElse(""),
                district.map(District::name).orElse(""), district.map(d -> d.name(language)).orElse(""),
                center.blockName(), center.blockName(language), center.pincode(), center.latitude(), center.longitude(),
                CowinDates.time(center.opensAt()), CowinDates.time(center.closesAt()), paid ? "Paid" : "Free",
                paid ? center.fees().entrySet().stream().map(f -> new VaccineFee(f.getKey(), amount(f.getValue()))).toList() : null,
                sessions == null ? null : sessions.stream().map(s -> sessionView(s, view)).toList());
    }

    private static SessionView sessionView(Session session, View view) {
        List<Object> slots = session.slots().stream()
                .map(slot -> view.slotObjects() ? new SlotSeats(slotText(slot), slot.available()) : (Object) slotText(slot))
                .toList();
        return new SessionView(session.id().toString(), CowinDates.format(session.date()),
                session.dose1Available() + session.dose2Available(), session.dose1Available(), session.dose2Available(),
                session.minAge(), session.maxAge(), session.maxAge() == null && session.minAge() <= 18,
                session.vaccineCode(), slots);
    }

    static String slotText(Slot slot) {
        return CowinDates.slot(slot.startsAt(), slot.endsAt());
    }

    private static String fee(Center center, String vaccineCode) {
        BigDecimal fee = center.feeType() == FeeType.PAID ? center.fees().get(vaccineCode) : null;
        return fee == null ? "0" : amount(fee);
    }

    private static String amount(BigDecimal fee) {
        return fee.stripTrailingZeros().toPlainString();
    }

    /** A center as CoWIN writes it; {@code sessions} is left out where the answer has none (findByLatLong). */
    record CenterView(
            @JsonProperty("center_id") int centerId,
            @JsonProperty("name") String name,
            @JsonProperty("name_l") String nameL,
            @JsonProperty("address") String address,
            @JsonProperty("address_l") String addressL,
            @JsonProperty("state_name") String stateName,
            @JsonProperty("state_name_l") String stateNameL,
            @JsonProperty("district_name") String districtName,
            @JsonProperty("district_name_l") String districtNameL,
            @JsonProperty("block_name") String blockName,
            @JsonProperty("block_name_l") String blockNameL,
            @JsonProperty("pincode") int pincode,
            @JsonProperty("lat") BigDecimal lat,
            @JsonProperty("long") BigDecimal lon,
            @JsonProperty("from") String from,
            @JsonProperty("to") String to,
            @JsonProperty("fee_type") String feeType,
            @JsonProperty("vaccine_fees") List<VaccineFee> vaccineFees,
            @JsonProperty("sessions") List<SessionView> sessions) {
    }

    /** A session within a center. {@code slots} are strings ("09:00AM-11:00AM") or {@link SlotSeats}. */
    record SessionView(
            @JsonProperty("session_id") String sessionId,
            @JsonProperty("date") String date,
            @JsonProperty("available_capacity") int availableCapacity,
            @JsonProperty("available_capacity_dose1") int availableCapacityDose1,
            @JsonProperty("available_capacity_dose2") int availableCapacityDose2,
            @JsonProperty("min_age_limit") int minAgeLimit,
            @JsonProperty("max_age_limit") Integer maxAgeLimit,
            @JsonProperty("allow_all_age") boolean allowAllAge,
            @JsonProperty("vaccine") String vaccine,
            @JsonProperty("slots") List<Object> slots) {
    }

    record SlotSeats(@JsonProperty("time") String time, @JsonProperty("seats") int seats) {
    }

    record VaccineFee(@JsonProperty("vaccine") String vaccine, @JsonProperty("fee") String fee) {
    }

    /** One session with its center's fields beside its own, as findByPin and findByDistrict answer. */
    record FlatSession(
            @JsonProperty("center_id") int centerId,
            @JsonProperty("name") String name,
            @JsonProperty("name_l") String nameL,
            @JsonProperty("address") String address,
            @JsonProperty("address_l") String addressL,
            @JsonProperty("state_name") String stateName,
            @JsonProperty("state_name_l") String stateNameL,
            @JsonProperty("district_name") String districtName,
            @JsonProperty("district_name_l") String districtNameL,
            @JsonProperty("block_name") String blockName,
            @JsonProperty("block_name_l") String blockNameL,
            @JsonProperty("pincode") int pincode,
            @JsonProperty("lat") BigDecimal lat,
            @JsonProperty("long") BigDecimal lon,
            @JsonProperty("from") String from,
            @JsonProperty("to") String to,
            @JsonProperty("fee_type") String feeType,
            @JsonProperty("fee") String fee,
            @JsonProperty("vaccine_fees") List<VaccineFee> vaccineFees,
            @JsonProperty("session_id") String sessionId,
            @JsonProperty("date") String date,
            @JsonProperty("available_capacity") int availableCapacity,
            @JsonProperty("available_capacity_dose1") int availableCapacityDose1,
            @JsonProperty("available_capacity_dose2") int availableCapacityDose2,
            @JsonProperty("min_age_limit") int minAgeLimit,
            @JsonProperty("max_age_limit") Integer maxAgeLimit,
            @JsonProperty("allow_all_age") boolean allowAllAge,
            @JsonProperty("vaccine") String vaccine,
            @JsonProperty("slots") List<Object> slots) {

        static FlatSession of(CenterView c, SessionView s, String fee) {
            return new FlatSession(c.centerId(), c.name(), c.nameL(), c.address(), c.addressL(), c.stateName(), c.stateNameL(),
                    c.districtName(), c.districtNameL(), c.blockName(), c.blockNameL(), c.pincode(), c.lat(), c.lon(), c.from(),
                    c.to(), c.feeType(), fee, c.vaccineFees(), s.sessionId(), s.date(), s.availableCapacity(),
                    s.availableCapacityDose1(), s.availableCapacityDose2(), s.minAgeLimit(), s.maxAgeLimit(), s.allowAllAge(),
                    s.vaccine(), s.slots());
        }
    }
}
