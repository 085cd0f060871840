package org.teeka.geo;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every state and district, held in memory: the set is small (a few hundred rows), read on every
 * page, and changes only by migration.
 */
@Service
public class Geography {

    private final Map<Integer, State> states;
    private final Map<Integer, District> districts;
    private final Map<Integer, Integer> pinCodeDistricts;
    private final Map<Integer, double[]> pinCodePoints;

    Geography(JdbcClient jdbc) {
        this.states = jdbc.sql("select id, name, name_hi from states")
                .query(State.class).list().stream()
                .collect(Collectors.toUnmodifiableMap(State::id, Function.identity()));
        this.districts = jdbc.sql("select id, state_id, name, name_hi from districts")
                .query(District.class).list().stream()
                .collect(Collectors.toUnmodifiableMap(District::id, Function.identity()));
        this.pinCodeDistricts = jdbc.sql("select pincode, district_id from pin_codes")
                .query((rs, n) -> Map.entry(rs.getInt(1), rs.getInt(2))).list().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        this.pinCodePoints = jdbc.sql("select pincode, latitude, longitude from pin_codes")
                .query((rs, n) -> Map.entry(rs.getInt(1), new double[] {rs.getDouble(2), rs.getDouble(3)})).list().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public List<State> states() {
        return states.values().stream().sorted(Comparator.comparing(State::name)).toList();
    }

    public Optional<State> state(int id) {
        return Optional.ofNullable(states.get(id));
    }

    public Optional<District> district(int id) {
        return Optional.ofNullable(districts.get(id));
    }

    public List<District> districtsOf(int stateId) {
        return districts.values().stream()
                .filter(d -> d.stateId() == stateId)
                .sorted(Comparator.comparing(District::name))
                .toList();
    }

    /** One district when {@code districtId} is given, else every district of the state: what a staff scope covers. */
    public List<District> districtsWithin(int stateId, Integer districtId) {
        return districtId != null ? district(districtId).stream().toList() : districtsOf(stateId);
    }

    /** Kilometres between a known PIN code's point and a position, or empty for an unknown PIN code. */
    public Optional<Double> kilometres(int pincode, double latitude, double longitude) {
        double[] point = pinCodePoints.get(pincode);
        if (point == null) {
            return Optional.empty();
        }
        return Optional.of(kilometres(point[0], point[1], latitude, longitude));
    }

    /** Great-circle kilometres between two points given in degrees. */
    public static double kilometres(double latitude1, double longitude1, double latitude2, double longitude2) {
        double dLat = Math.toRadians(latitude2 - latitude1);
        double dLon = Math.toRadians(longitude2 - longitude1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(latitude1)) * Math.cos(Math.toRadians(latitude2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 6371 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }

    /** The district a known PIN code lies in; empty for a PIN code the platform does not know. */
    public Optional<District> districtOfPinCode(int pincode) {
        return Optional.ofNullable(pinCodeDistricts.get(pincode)).map(districts::get);
    }
}
