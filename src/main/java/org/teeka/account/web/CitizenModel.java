package org.teeka.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.teeka.account.CitizenPrincipal;

/**
 * Makes the signed-in citizen, if any, available to every page as {@code citizen}, error pages
 * included, so the citizen menu and sign-out button are always there (as {@link StaffModel} does
 * for staff).
 */
@Configuration(proxyBeanMethods = false)
class CitizenModel implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                var authentication = SecurityContextHolder.getContext().getAuthentication();
                if (authentication != null && authentication.getPrincipal() instanceof CitizenPrincipal citizen) {
                    request.setAttribute("citizen", citizen);
                }
                return true;
            }
        });
    }
}
