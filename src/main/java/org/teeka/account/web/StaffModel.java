package org.teeka.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.teeka.account.StaffPrincipal;

/**
 * Makes the signed-in staff member, if any, available to every page as {@code staff}, error
 * pages included (they are rendered without the handler's model), so the menu and sign-out
 * button are always there.
 */
@Configuration(proxyBeanMethods = false)
class StaffModel implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                var authentication = SecurityContextHolder.getContext().getAuthentication();
                if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal staff) {
                    request.setAttribute("staff", staff);
                }
                return true;
            }
        });
    }
}
