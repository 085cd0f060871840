package org.teeka.vaccination;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.teeka.account.StaffScope;

import java.time.OffsetDateTime;
import java.util.List;

/** Alerts raised about staff accounts (a lookup quota exceeded), as the state and district admins over them see them. */
@Service
public class StaffAlerts {

    private final JdbcClient jdbc;

    StaffAlerts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One alert: who, where, which window, when. */
    public record Alert(long id, String kind, long staffId, String username, String displayName, Integer districtId,
                        Integer centerId, String windowName, OffsetDateTime windowStart, OffsetDateTime raisedAt, long lookups) {
    }

    /** The latest alerts in the scope: a state admin sees the state's, a district admin the district's; others see none. */
    public List<Alert> visibleTo(StaffScope scope) {
        if (scope.centerId() != null || !(scope.role() == org.teeka.account.Role.STATE_ADMIN || scope.role() == org.teeka.account.Role.DISTRICT_ADMIN)) {
            return List.of();
        }
        return jdbc.sql("""
                        select a.id, a.kind, a.staff_id, a.username, a.display_name, a.district_id, a.center_id, a.window_name,
                               a.window_start, a.raised_at,
                               (select count(*) from staff_lookups l where l.staff_id = a.staff_id and l.asked_at >= a.window_start) as lookups
                        from staff_alerts a
                        where a.state_id = ? and (cast(? as integer) is null or a.district_id = ?)
                        order by a.id desc limit 200""")
                .params(scope.stateId(), scope.districtId(), scope.districtId())
                .query(Alert.class).list();
    }
}
