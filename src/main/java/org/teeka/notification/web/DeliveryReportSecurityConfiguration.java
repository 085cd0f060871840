package org.teeka.notification.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The delivery-report callback is called by the SMS provider's servers, without a session or a
 * CSRF token; it authenticates each call by the shared secret itself ({@code HttpDeliveryReports}).
 */
@Configuration(proxyBeanMethods = false)
class DeliveryReportSecurityConfiguration {

    @Bean
    @Order(3)
    SecurityFilterChain deliveryReportSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/sms/delivery-reports")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }
}
