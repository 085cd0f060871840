package org.teeka.account;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.io.Serial;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** A signed-in staff member: who they are and the scope they act in. */
public final class StaffPrincipal implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long id;
    private final String username;
    private final String displayName;
    private final StaffScope scope;
    private final Instant lockedUntil;
    private String passwordHash;

    StaffPrincipal(long id, String username, String passwordHash, String displayName, StaffScope scope, Instant lockedUntil) {
        this.id = id;
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.scope = scope;
        this.lockedUntil = lockedUntil;
    }

    public long id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public StaffScope scope() {
        return scope;
    }

    Instant lockedUntil() {
        return lockedUntil;
    }

    public Role role() {
        return scope.role();
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_STAFF"), new SimpleGrantedAuthority("ROLE_" + scope.role().name()));
    }

    @Override
    public boolean isAccountNonLocked() {
        return lockedUntil == null || lockedUntil.isBefore(Instant.now());
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
