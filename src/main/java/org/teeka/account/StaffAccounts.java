package org.teeka.account;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * Staff users: creation, look-up for sign-in, and throttling. After {@value #FREE_ATTEMPTS} wrong
 * passwords in a row an account is locked, for a time that doubles with each further failure up
 * to an hour; while locked not even the right password opens it, so guessing gains nothing.
 */
@Service
public class StaffAccounts implements UserDetailsService {

    static final int FREE_ATTEMPTS = 5;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;

    private final org.springframework.beans.factory.ObjectProvider<CenterDirectory> centers;
    private final org.teeka.geo.Geography geography;

    StaffAccounts(JdbcClient jdbc, PasswordEncoder passwordEncoder,
                  org.springframework.beans.factory.ObjectProvider<CenterDirectory> centers, org.teeka.geo.Geography geography) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.centers = centers;
        this.geography = geography;
    }

    /**
     * Creates a staff member on behalf of an admin: only a role below the admin's, only within the
     * admin's scope, with the district and center that the role needs.
     */
    @Transactional
    public long appoint(NewStaffMember member, StaffScope appointer) {
        appointer.require(Permission.MANAGE_STAFF);
        if (!appointer.role().mayAppoint().contains(member.role())) {
            throw new org.teeka.platform.OutOfScopeException();
        }
        StaffScope scope = switch (member.role()) {
            case STATE_ADMIN, HELPDESK_AGENT -> StaffScope.state(member.role(), appointer.stateId());
            case DISTRICT_ADMIN -> {
                int district = required(member.districtId(), "staff.error.district-required");
                var place = geography.district(district).orElseThrow(() -> new AppointmentRefusedException("staff.error.district-required"));
                yield StaffScope.district(member.role(), place.stateId(), place.id());
            }
            case CENTER_MANAGER, VACCINATOR -> {
                int center = required(member.centerId(), "staff.error.center-required");
                var place = centers.getObject().locate(center).orElseThrow(() -> new AppointmentRefusedException("staff.error.center-required"));
                yield StaffScope.center(member.role(), place.stateId(), place.districtId(), center);
            }
        };
        boolean inScope = scope.centerId() != null
                ? appointer.coversCenter(scope.stateId(), scope.districtId(), scope.centerId())
                : scope.districtId() != null ? appointer.coversDistrict(scope.stateId(), scope.districtId())
                : appointer.stateId() == scope.stateId() && appointer.districtId() == null;
        if (!inScope) {
            throw new org.teeka.platform.OutOfScopeException();
        }
        if (exists(member.username())) {
            throw new AppointmentRefusedException("staff.error.username-taken");
        }
        return create(member.username(), member.password(), member.displayName().strip(), scope);
    }

    /** The staff members whose scope lies within the given one. */
    public java.util.List<StaffMember> visibleTo(StaffScope scope) {
        return jdbc.sql("""
                        select id, username, password_hash, display_name, role, state_id, district_id, center_id, locked_until
                        from staff_users
                        where state_id = :state
                          and (cast(:district as integer) is null or district_id = :district)
                          and (cast(:center as integer) is null or center_id = :center)
                        order by role, username""")
                .param("state", scope.stateId())
                .param("district", scope.districtId())
                .param("center", scope.centerId())
                .query(StaffAccounts::principal).list().stream()
                .map(p -> new StaffMember(p.id(), p.getUsername(), p.displayName(), p.scope(), p.lockedUntil()))
                .toList();
    }

    private static int required(Integer id, String code) {
        if (id == null) {
            throw new AppointmentRefusedException(code);
        }
        return id;
    }

    /** Creates a staff user; the username is stored in lower case. */
    @Transactional
    public long create(String username, String rawPassword, String displayName, StaffScope scope) {
        if (rawPassword == null || rawPassword.length() < 10) {
            throw new IllegalArgumentException("rawPassword must have at least 10 characters");
        }
        return jdbc.sql("""
                        insert into staff_users (username, password_hash, display_name, role, state_id, district_id, center_id)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(username.toLowerCase(Locale.ROOT), passwordEncoder.encode(rawPassword), displayName,
                        scope.role().name(), scope.stateId(), scope.districtId(), scope.centerId())
                .query(Long.class).single();
    }

    /** The display name of a staff member, by id (for audit lines such as who corrected a dose). */
    public Optional<String> displayName(long id) {
        return jdbc.sql("select display_name from staff_users where id = ?").param(id).query(String.class).optional();
    }

    public boolean exists(String username) {
        return jdbc.sql("select count(*) from staff_users where username = ?")
                .param(username.toLowerCase(Locale.ROOT)).query(Integer.class).single() > 0;
    }

    public Optional<StaffPrincipal> find(String username) {
        return jdbc.sql("""
                        select id, username, password_hash, display_name, role, state_id, district_id, center_id, locked_until
                        from staff_users where username = ?""")
                .param(username.toLowerCase(Locale.ROOT))
                .query(StaffAccounts::principal).optional();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return find(username).orElseThrow(() -> new UsernameNotFoundException("no such staff user"));
    }

    @EventListener
    @Transactional
    void on(AuthenticationFailureBadCredentialsEvent event) {
        jdbc.sql("""
                        update staff_users
                        set failed_logins = failed_logins + 1,
                            locked_until = case when failed_logins + 1 >= :free
                                                then now() + make_interval(mins => least(60, power(2, failed_logins + 1 - :free)::int))
                                                else locked_until end
                        where username = :username""")
                .param("free", FREE_ATTEMPTS)
                .param("username", String.valueOf(event.getAuthentication().getName()).toLowerCase(Locale.ROOT))
                .update();
    }

    @EventListener
    @Transactional
    void on(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof StaffPrincipal staff) {
            jdbc.sql("update staff_users set failed_logins = 0, locked_until = null where id = ? and failed_logins > 0")
                    .param(staff.id()).update();
        }
    }

    private static StaffPrincipal principal(ResultSet rs, int row) throws SQLException {
        var scope = new StaffScope(Role.valueOf(rs.getString("role")), rs.getInt("state_id"),
                (Integer) rs.getObject("district_id"), (Integer) rs.getObject("center_id"));
        var lockedUntil = rs.getObject("locked_until", OffsetDateTime.class);
        return new StaffPrincipal(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
                rs.getString("display_name"), scope, lockedUntil == null ? null : lockedUntil.toInstant());
    }
}
