package org.teeka.center;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.teeka.account.Permission;
import org.teeka.account.StaffScope;
import org.teeka.geo.District;
import org.teeka.geo.Geography;
import org.teeka.platform.OutOfScopeException;
import org.teeka.vaccine.VaccineCatalog;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creates, changes and finds vaccination centers; every staff call is checked against the caller's scope. */
@Service
public class Centers {

    private static final String COLUMNS = """
            id, name, name_hi, address, address_hi, block_name, block_name_hi, state_id, district_id, pincode,
            latitude, longitude, fee_type, opens_at, closes_at""";

    private final JdbcClient jdbc;
    private final Geography geography;
    private final VaccineCatalog vaccines;

    Centers(JdbcClient jdbc, Geography geography, VaccineCatalog vaccines) {
        this.jdbc = jdbc;
        this.geography = geography;
        this.vaccines = vaccines;
    }

    public Optional<Center> find(int id) {
        return jdbc.sql("select " + COLUMNS + " from centers where id = ?").param(id)
                .query(this::center).optional()
                .map(center -> withFees(List.of(center)).getFirst());
    }

    /** The centers with these ids, in any order; unknown ids are left out. */
    public List<Center> findAll(java.util.Collection<Integer> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return withFees(jdbc.sql("select " + COLUMNS + " from centers where id = any(?)")
                .param(ids.stream().distinct().toArray(Integer[]::new)).query(this::center).list());
    }

    /** The center, when the scope covers it; otherwise {@link OutOfScopeException} (or not found). */
    public Center get(int id, StaffScope scope) {
        Center center = find(id).orElseThrow(() -> new CenterNotFoundException(id));
        if (!scope.coversCenter(center.stateId(), center.districtId(), center.id())) {
            throw new OutOfScopeException();
        }
        return center;
    }

    /** Every center the scope covers, by district and name. */
    public List<Center> visibleTo(StaffScope scope) {
        var centers = jdbc.sql("select " + COLUMNS + """
                         from centers
                        where state_id = :state
                          and (cast(:district as integer) is null or district_id = :district)
                          and (cast(:center as integer) is null or id = :center)
                        order by district_id, name""")
                .param("state", scope.stateId())
                .param("district", scope.districtId())
                .param("center", scope.centerId())
                .query(this::center).list();
        return withFees(centers);
    }

    public List<Center> inDistrict(int districtId) {
        return withFees(jdbc.sql("select " + COLUMNS + " from centers where district_id = ? order by name")
                .param(districtId).query(this::center).list());
    }

    /** The centers at a PIN code, by name: what a citizen's search by PIN covers. */
    public List<Center> atPincode(int pincode) {
        return withFees(jdbc.sql("select " + COLUMNS + " from centers where pincode = ? order by name")
                .param(pincode).query(this::center).list());
    }

    /**
     * The centers within the given kilometres of a point, nearest first, at most {@code limit} of
     * them. Distances are great-circle distances between the points.
     */
    public List<Center> near(double latitude, double longitude, double kilometres, int limit) {
        // a box around the point narrows the rows; the exact distance then orders and filters them
        double latitudeDegrees = kilometres / 111.0;
        double longitudeDegrees = kilometres / (111.0 * Math.max(0.01, Math.cos(Math.toRadians(latitude))));
        var inBox = jdbc.sql("select " + COLUMNS + " from centers where latitude between ? and ? and longitude between ? and ?")
                .params(latitude - latitudeDegrees, latitude + latitudeDegrees, longitude - longitudeDegrees, longitude + longitudeDegrees)
                .query(this::center).list();
        record Placed(Center center, double kilometres) {
        }
        var nearest = inBox.stream()
                .map(c -> new Placed(c, Geography.kilometres(latitude, longitude, c.latitude().doubleValue(), c.longitude().doubleValue())))
                .filter(p -> p.kilometres() <= kilometres)
                .sorted(java.util.Comparator.comparingDouble(Placed::kilometres).thenComparing(p -> p.center().id()))
                .limit(limit)
                .map(Placed::center)
                .toList();
        return withFees(nearest);
    }

    /** Creates a center in a district the scope covers. */
    @Transactional
    public Center create(CenterDetails details, StaffScope scope) {
        scope.require(Permission.MANAGE_CENTERS);
        District district = districtInScope(details.districtId(), scope);
        checkFeeVaccines(details);
        int id = jdbc.sql("""
                        insert into centers (name, name_hi, address, address_hi, block_name, block_name_hi, state_id,
                                             district_id, pincode, latitude, longitude, fee_type, opens_at, closes_at)
                        values (:name, :nameHi, :address, :addressHi, :block, :blockHi, :state, :district, :pincode,
                                :lat, :lon, :feeType, :opens, :closes)
                        returning id""")
                .paramSource(parameters(details, district))
                .query(Integer.class).single();
        writeFees(id, details);
        return find(id).orElseThrow();
    }

    /** Changes a center the scope covers; it may move only to a district the scope also covers. */
    @Transactional
    public Center update(int id, CenterDetails details, StaffScope scope) {
        scope.require(Permission.MANAGE_CENTERS);
        get(id, scope);
        District district = districtInScope(details.districtId(), scope);
        checkFeeVaccines(details);
        var parameters = parameters(details, district);
        parameters.put("id", id);
        jdbc.sql("""
                        update centers set name = :name, name_hi = :nameHi, address = :address, address_hi = :addressHi,
                               block_name = :block, block_name_hi = :blockHi, state_id = :state, district_id = :district,
                               pincode = :pincode, latitude = :lat, longitude = :lon, fee_type = :feeType,
                               opens_at = :opens, closes_at = :closes
                        where id = :id""")
                .paramSource(parameters).update();
        jdbc.sql("delete from center_vaccine_fees where center_id = ?").param(id).update();
        writeFees(id, details);
        return find(id).orElseThrow();
    }

    private District districtInScope(int districtId, StaffScope scope) {
        District district = geography.district(districtId).orElseThrow(() -> new UnknownDistrictException(districtId));
        if (!scope.coversDistrict(district.stateId(), district.id())) {
            throw new OutOfScopeException();
        }
        return district;
    }

    private void checkFeeVaccines(CenterDetails details) {
        if (details.feeType() == FeeType.PAID) {
            details.fees().keySet().forEach(code -> vaccines.find(code)
                    .orElseThrow(() -> new org.teeka.vaccine.UnknownVaccineException(code)));
        }
    }

    private void writeFees(int centerId, CenterDetails details) {
        if (details.feeType() != FeeType.PAID) {
            return;
        }
        details.fees().forEach((vaccine, fee) -> jdbc.sql(
                        "insert into center_vaccine_fees (center_id, vaccine_code, fee) values (?, ?, ?)")
                .params(centerId, vaccine, fee).update());
    }

    private static Map<String, Object> parameters(CenterDetails details, District district) {
        var parameters = new HashMap<String, Object>();
        parameters.put("name", details.name().strip());
        parameters.put("nameHi", blankToNull(details.nameHi()));
        parameters.put("address", details.address().strip());
        parameters.put("addressHi", blankToNull(details.addressHi()));
        parameters.put("block", details.blockName().strip());
        parameters.put("blockHi", blankToNull(details.blockNameHi()));
        parameters.put("state", district.stateId());
        parameters.put("district", district.id());
        parameters.put("pincode", details.pincode());
        parameters.put("lat", details.latitude());
        parameters.put("lon", details.longitude());
        parameters.put("feeType", details.feeType().name());
        parameters.put("opens", details.opensAt());
        parameters.put("closes", details.closesAt());
        return parameters;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private List<Center> withFees(List<Center> centers) {
        if (centers.isEmpty()) {
            return centers;
        }
        Map<Integer, Map<String, BigDecimal>> fees = new HashMap<>();
        jdbc.sql("select center_id, vaccine_code, fee from center_vaccine_fees where center_id = any(?)")
                .param(centers.stream().map(Center::id).toArray(Integer[]::new))
                .query(rs -> {
                    fees.computeIfAbsent(rs.getInt(1), k -> new java.util.TreeMap<>()).put(rs.getString(2), rs.getBigDecimal(3));
                });
        var result = new ArrayList<Center>(centers.size());
        for (Center c : centers) {
            result.add(new Center(c.id(), c.name(), c.nameHi(), c.address(), c.addressHi(), c.blockName(), c.blockNameHi(),
                    c.stateId(), c.districtId(), c.pincode(), c.latitude(), c.longitude(), c.feeType(), c.opensAt(),
                    c.closesAt(), Map.copyOf(fees.getOrDefault(c.id(), Map.of()))));
        }
        return result;
    }

    private Center center(ResultSet rs, int row) throws SQLException {
        return new Center(rs.getInt("id"), rs.getString("name"), rs.getString("name_hi"), rs.getString("address"),
                rs.getString("address_hi"), rs.getString("block_name"), rs.getString("block_name_hi"),
                rs.getInt("state_id"), rs.getInt("district_id"), rs.getInt("pincode"), rs.getBigDecimal("latitude"),
                rs.getBigDecimal("longitude"), FeeType.valueOf(rs.getString("fee_type")),
                rs.getObject("opens_at", LocalTime.class), rs.getObject("closes_at", LocalTime.class), Map.of());
    }
}
