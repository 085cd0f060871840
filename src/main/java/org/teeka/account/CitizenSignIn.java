package org.teeka.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/** Turns a confirmed OTP into a signed-in citizen session, under a new session id. */
@Component
public class CitizenSignIn {

    private final HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();

    public void signIn(String mobile, HttpServletRequest request, HttpServletResponse response) {
        request.getSession(true);
        request.changeSessionId();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                new CitizenPrincipal(mobile), null, AuthorityUtils.createAuthorityList("ROLE_CITIZEN"));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        repository.saveContext(context, request, response);
    }
}
