package org.teeka.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.teeka.platform.Quotas;

/**
 * Citizens' searches and bookings are rationed per client address and per signed-in citizen,
 * so a bot cannot take every slot or flood the search. Over quota: 429 with Retry-After.
 * (OTP requests have their own quotas, kept in the database.)
 */
@Configuration(proxyBeanMethods = false)
class QuotaLimits implements WebMvcConfigurer {

    private final Quotas quotas;

    QuotaLimits(Quotas quotas) {
        this.quotas = quotas;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                boolean search = path.startsWith("/citizen/search");
                boolean change = "POST".equals(request.getMethod()) && path.startsWith("/citizen/")
                        && !path.equals("/citizen/login") && !path.equals("/citizen/otp") && !path.equals("/citizen/logout");
                if (search || change) {
                    String kind = search ? "search" : "booking";
                    quotas.take(kind + "-per-ip", request.getRemoteAddr());
                    if (request.getUserPrincipal() != null) {
                        quotas.take(kind + "-per-user", request.getUserPrincipal().getName());
                    }
                }
                return true;
            }
        }).addPathPatterns("/citizen/**");
    }
}
