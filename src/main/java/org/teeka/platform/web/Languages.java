package org.teeka.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * English and Hindi. {@code ?lang=en} or {@code ?lang=hi} switches and is remembered in a cookie;
 * without that choice the browser's {@code Accept-Language} decides, and English is the fallback.
 */
@Configuration(proxyBeanMethods = false)
public class Languages implements WebMvcConfigurer {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale HINDI = Locale.forLanguageTag("hi");
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, HINDI);
    static final String COOKIE = "teeka-lang";

    @Bean
    LocaleResolver localeResolver() {
        var resolver = new CookieLocaleResolver(COOKIE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        resolver.setDefaultLocaleFunction(Languages::fromAcceptLanguage);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                supported(lang(request)).ifPresent(locale ->
                        localeResolver().setLocale(request, response, locale));
                return true;
            }
        });
    }

    /**
     * The {@code lang} parameter; none when the parameters cannot be read, as when the error page
     * answers an upload over the size limit (Tomcat then refuses to parse the body again).
     */
    private static String lang(HttpServletRequest request) {
        try {
            return request.getParameter("lang");
        } catch (IllegalStateException unreadable) {
            return null;
        }
    }

    static java.util.Optional<Locale> supported(String tag) {
        if (tag == null) {
            return java.util.Optional.empty();
        }
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(tag.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    private static Locale fromAcceptLanguage(HttpServletRequest request) {
        for (Locale asked : Collections.list(request.getLocales())) {
            for (Locale supported : SUPPORTED) {
                if (supported.getLanguage().equals(asked.getLanguage())) {
                    return supported;
                }
            }
        }
        return ENGLISH;
    }
}
