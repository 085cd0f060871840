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

    StaffAccounts(JdbcClient jdbc, PasswordEncoder passwordEncoder) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
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
