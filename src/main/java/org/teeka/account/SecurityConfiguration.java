package org.teeka.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Web security: public pages and health are open; everything under {@code /staff} needs a
 * signed-in staff member, everything under {@code /citizen} a citizen signed in by OTP. The
 * session id is rotated at sign-in and the session invalidated on the server at sign-out.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt today; the {id} prefix lets a stronger hash replace it without a migration
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/error",
                                "/staff/login", "/citizen/login", "/citizen/otp", "/actuator/health", "/actuator/health/**",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/staff/**", "/api/staff/**").hasRole("STAFF")
                        .requestMatchers("/citizen/**").hasRole("CITIZEN")
                        .anyRequest().permitAll())
                .formLogin(form -> form
                        .loginPage("/staff/login")
                        .defaultSuccessUrl("/staff", true)
                        .failureHandler((request, response, exception) -> response.sendRedirect(
                                request.getContextPath() + (exception instanceof LockedException ? "/staff/login?locked" : "/staff/login?error"))))
                // an API caller without a session gets 401, not the login page
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint()))
                .logout(logout -> logout
                        .logoutRequestMatcher(new OrRequestMatcher(
                                PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/staff/logout"),
                                PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/citizen/logout")))
                        .logoutSuccessHandler((request, response, authentication) -> response.sendRedirect(request.getContextPath()
                                + (request.getRequestURI().endsWith("/citizen/logout") ? "/citizen/login?logout" : "/staff/login?logout")))
                        .invalidateHttpSession(true)
                        .deleteCookies("JSESSIONID"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    private static AuthenticationEntryPoint entryPoint() {
        var api = PathPatternRequestMatcher.pathPattern("/api/**");
        var unauthorized = new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED);
        var citizen = PathPatternRequestMatcher.pathPattern("/citizen/**");
        var staffSignIn = new LoginUrlAuthenticationEntryPoint("/staff/login");
        var citizenSignIn = new LoginUrlAuthenticationEntryPoint("/citizen/login");
        return (request, response, exception) ->
                (api.matches(request) ? unauthorized : citizen.matches(request) ? citizenSignIn : staffSignIn)
                        .commence(request, response, exception);
    }
}
