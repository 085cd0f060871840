package org.teeka.cowin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.teeka.account.CitizenPrincipal;
import org.teeka.platform.Quotas;

/**
 * Two things for every CoWIN call: its language (from {@code Accept-Language}, {@code hi_IN}
 * included) for everything that renders text, and its quotas. Every call counts against the
 * caller's address ({@code cowin-per-ip}); a signed-in call also against the citizen its bearer
 * token names ({@code cowin-per-token}), whichever address it comes from. Over either: 429 with
 * Retry-After. Both are configured under {@code teeka.quotas}.
 */
@Configuration(proxyBeanMethods = false)
class CowinWebConfiguration implements WebMvcConfigurer {

    static final String PER_IP = "cowin-per-ip";
    static final String PER_TOKEN = "cowin-per-token";

    private final Quotas quotas;

    CowinWebConfiguration(Quotas quotas) {
        this.quotas = quotas;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                LocaleContextHolder.setLocale(CowinLanguage.of(request));
                quotas.take(PER_IP, request.getRemoteAddr());
                Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
                if (authentication != null && authentication.getPrincipal() instanceof CitizenPrincipal citizen) {
                    quotas.take(PER_TOKEN, citizen.mobile());
                }
                return true;
            }
        }).addPathPatterns("/api/v2/**");
    }
}
