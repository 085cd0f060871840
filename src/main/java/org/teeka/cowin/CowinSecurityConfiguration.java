package org.teeka.cowin;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.teeka.account.BearerTokenFilter;
import org.teeka.account.BearerTokens;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;

/**
 * Security of {@code /api/v2/**}, ahead of the pages' chain: stateless, no cookies and so no CSRF,
 * a bearer token from an OTP for everything but public metadata, availability and the OTP calls
 * themselves. Missing, invalid or expired token: 401 in CoWIN's error shape. Any web page may call
 * it (CORS), as CoWIN's public API allowed; no credentials travel but the bearer token.
 */
@Configuration(proxyBeanMethods = false)
class CowinSecurityConfiguration {

    /** GETs anyone may make. */
    static final List<String> PUBLIC_GET = List.of(
            "/api/v2/admin/location/states",
            "/api/v2/admin/location/districts/*",
            "/api/v2/appointment/sessions/public/**",
            "/api/v2/appointment/centers/public/**",
            "/api/v2/registration/beneficiary/idTypes",
            "/api/v2/registration/beneficiary/genders");

    /** POSTs anyone may make: asking for and confirming an OTP. */
    static final List<String> PUBLIC_POST = List.of(
            "/api/v2/auth/public/generateOTP",
            "/api/v2/auth/public/confirmOTP",
            "/api/v2/auth/generateMobileOTP",
            "/api/v2/auth/validateMobileOtp");

    @Bean
    @Order(1)
    SecurityFilterChain cowinApiSecurity(HttpSecurity http, BearerTokens tokens, MessageSource messages) throws Exception {
        http.securityMatcher("/api/v2/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.OPTIONS, "/api/v2/**").permitAll()
                        .requestMatchers(HttpMethod.GET, PUBLIC_GET.toArray(String[]::new)).permitAll()
                        .requestMatchers(HttpMethod.POST, PUBLIC_POST.toArray(String[]::new)).permitAll()
                        .anyRequest().hasRole("CITIZEN"))
                .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .cors(cors -> cors.configurationSource(cors()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, exception) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            write(response, HttpStatus.UNAUTHORIZED, CowinErrors.body("cowin.error.unauthenticated", null,
                                    CowinLanguage.of(request), messages));
                        })
                        .accessDeniedHandler((request, response, exception) -> write(response, HttpStatus.FORBIDDEN,
                                CowinErrors.body("cowin.error.forbidden", null, CowinLanguage.of(request), messages))));
        return http.build();
    }

    private static UrlBasedCorsConfigurationSource cors() {
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/v2/**", corsConfiguration());
        return source;
    }

    /** CORS of the whole CoWIN API; {@link PublicAvailabilityFilter} applies it to the answers it serves itself. */
    static CorsConfiguration corsConfiguration() {
        var configuration = new CorsConfiguration();
        configuration.addAllowedOriginPattern("*");
        configuration.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
                HttpHeaders.ACCEPT_LANGUAGE, "Idempotency-Key"));
        configuration.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(3600L);
        return configuration;
    }

    private static void write(jakarta.servlet.http.HttpServletResponse response, HttpStatus status, CowinError error)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JsonMapper.shared().writeValueAsString(error));
    }
}
