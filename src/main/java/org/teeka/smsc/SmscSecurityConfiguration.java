package org.teeka.smsc;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

import java.util.List;

/**
 * The simulator's pages show every OTP it received, so by default they answer only requests
 * from this machine ({@code TEEKA_SMSC_LOCAL_ONLY=false} opens them, for a demo on another
 * host). No sign-in and no CSRF token: its one form switches failure modes of a local simulator,
 * and {@code curl -d down=true .../smsc/failure-modes} is meant to work.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "teeka.smsc.enabled", matchIfMissing = true)
class SmscSecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain smscSecurity(HttpSecurity http, SmscSettings settings) throws Exception {
        AuthorizationManager<RequestAuthorizationContext> fromHere = (authentication, context) ->
                new AuthorizationDecision(!settings.localOnly() || loopback(context.getRequest().getRemoteAddr()));
        http.securityMatcher("/smsc", "/smsc/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().access(fromHere))
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")));
        return http.build();
    }

    private static final List<IpAddressMatcher> LOOPBACK = List.of(new IpAddressMatcher("127.0.0.0/8"), new IpAddressMatcher("::1"));

    static boolean loopback(String address) {
        return address != null && LOOPBACK.stream().anyMatch(m -> m.matches(address));
    }
}
