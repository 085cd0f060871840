package org.teeka.cowin;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.teeka.platform.web.Languages;

import java.util.Locale;

/**
 * The language of a CoWIN client's request. CoWIN clients send {@code Accept-Language: hi_IN}
 * with an underscore, which is no language tag, so the header is read here rather than by the
 * servlet container. Hindi when Hindi comes before English, else English.
 */
final class CowinLanguage {

    private CowinLanguage() {
    }

    static Locale of(HttpServletRequest request) {
        return of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    static Locale of(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Languages.ENGLISH;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage.replace('_', '-'))) {
                String language = range.getRange().split("-")[0];
                if (language.equals("hi")) {
                    return Languages.HINDI;
                }
                if (language.equals("en")) {
                    return Languages.ENGLISH;
                }
            }
        } catch (IllegalArgumentException unreadable) {
            return Languages.ENGLISH;
        }
        return Languages.ENGLISH;
    }

    static boolean hindi(Locale language) {
        return "hi".equals(language.getLanguage());
    }
}
