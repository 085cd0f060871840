package org.teeka.center;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.teeka.account.Permission;
import org.teeka.account.StaffScope;
import org.teeka.geo.District;
import org.teeka.geo.Geography;
import org.teeka.platform.OutOfScopeException;

import java.util.List;

/** Cold-chain points of the districts a staff member covers. */
@Service
public class ColdChainPoints {

    private final JdbcClient jdbc;
    private final Geography geography;
    private final Centers centers;

    ColdChainPoints(JdbcClient jdbc, Geography geography, Centers centers) {
        this.jdbc = jdbc;
        this.geography = geography;
        this.centers = centers;
    }

    public List<ColdChainPoint> visibleTo(StaffScope scope) {
        return jdbc.sql("""
                        select id, kind, name, state_id, district_id, center_id from cold_chain_points
                        where state_id = :state
                          and (cast(:district as integer) is null or district_id = :district)
                          and (cast(:center as integer) is null or center_id = :center)
                        order by district_id, kind, name""")
                .param("state", scope.stateId())
                .param("district", scope.districtId())
                .param("center", scope.centerId())
                .query(ColdChainPoint.class).list();
    }

    @Transactional
    public ColdChainPoint create(ColdChainPointDetails details, StaffScope scope) {
        scope.require(Permission.MANAGE_CENTERS);
        District district = geography.district(details.districtId())
                .orElseThrow(() -> new UnknownDistrictException(details.districtId()));
        if (!scope.coversDistrict(district.stateId(), district.id())) {
            throw new OutOfScopeException();
        }
        if (details.centerId() != null && centers.get(details.centerId(), scope).districtId() != district.id()) {
            throw new OutOfScopeException();
        }
        return jdbc.sql("""
                        insert into cold_chain_points (kind, name, state_id, district_id, center_id)
                        values (?, ?, ?, ?, ?)
                        returning id, kind, name, state_id, district_id, center_id""")
                .params(details.kind().name(), details.name().strip(), district.stateId(), district.id(), details.centerId())
                .query(ColdChainPoint.class).single();
    }
}
