package org.teeka.cowin;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.teeka.platform.Quotas;
import org.teeka.platform.TooManyRequestsException;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Answers a public availability GET whose answer is fresh in memory straight from its bytes
 * ({@link PublicAvailability}), before Spring Security and MVC, which cost more than the answer:
 * the bots polling these calls make most of launch day's requests. It runs after admission control
 * and the request metrics, and does what the CoWIN chain would have done for such a call: the
 * per-address quota, the language ({@code Accept-Language}), CORS and the security headers, with
 * the body (gzipped for a caller that takes gzip), ETag ({@code If-None-Match} gives 304) and
 * {@code Cache-Control} the controller writes.
 * Anything else passes on untouched to the normal path: other calls, a bearer token, a parameter
 * that is not written plainly, an answer not in memory or expired, a caller over its quota; so
 * errors keep their CoWIN shape and language, and a miss is read there.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 7)
class PublicAvailabilityFilter implements Filter {

    private record Call(String kind, String placeParameter, boolean pincode) {
    }

    /** Where the public availability calls are, under the context path ({@link WarmUp} calls them too). */
    static final String PREFIX = "/api/v2/appointment/sessions/public/";

    private static final Map<String, Call> CALLS = Map.of(
            PREFIX + "findByPin", new Call("findByPin", "pincode", true),
            PREFIX + "findByDistrict", new Call("findByDistrict", "district_id", false),
            PREFIX + "calendarByPin", new Call("calendarByPin", "pincode", true),
            PREFIX + "calendarByDistrict", new Call("calendarByDistrict", "district_id", false),
            PREFIX + "calendarByCenter", new Call("calendarByCenter", "center_id", false));

    /**
     * Spring Security's default headers as the CoWIN chain writes them for an answer that has its own
     * Cache-Control (so none of its no-cache headers), written here as constants because its header
     * writers cost more than the rest of a hit; HSTS only over TLS, as Spring Security does.
     * {@code PublicAvailabilityFilterIntegrationTests} holds them equal to the chain's.
     */
    private static final HeaderWriter HSTS = new HstsHeaderWriter();

    /** The date text last read and its date: nearly every caller asks for today, and parsing it was 2% of a hit. */
    private record ParsedDate(String text, LocalDate date) {
    }

    private volatile ParsedDate lastDate = new ParsedDate("", null);
    private final PublicAvailability cache;
    private final CowinSettings settings;
    private final Quotas quotas;
    private final CorsConfiguration cors = CowinSecurityConfiguration.corsConfiguration();
    private final DefaultCorsProcessor corsProcessor = new DefaultCorsProcessor();

    PublicAvailabilityFilter(PublicAvailability cache, CowinSettings settings, Quotas quotas) {
        this.cache = cache;
        this.settings = settings;
        this.quotas = quotas;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request && res instanceof HttpServletResponse response) || !served(request, response)) {
            chain.doFilter(req, res);
        }
    }

    /** Whether the request was answered here; false leaves it, untouched, to the normal path. */
    private boolean served(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) || request.getDispatcherType() != DispatcherType.REQUEST
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Call call = CALLS.get(path);
        if (call == null) {
            return false;
        }
        PublicQuestion question = question(call, request);
        if (question == null) {
            return false;
        }
        Optional<PublicAvailability.Served> fresh = cache.fresh(question);
        if (fresh.isEmpty()) {
            return false;
        }
        try {
            quotas.take(CowinWebConfiguration.PER_IP, request.getRemoteAddr());
        } catch (TooManyRequestsException over) {
            // the normal path takes from the same empty bucket and answers 429 in CoWIN's shape and the caller's language
            return false;
        }
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(observation -> observation.setPathPattern(path));
        if (!corsProcessor.processRequest(cors, request, response)) {
            return true;
        }
        write(request, response, fresh.get());
        return true;
    }

    private void write(HttpServletRequest request, HttpServletResponse response, PublicAvailability.Served served) throws IOException {
        PublicAvailability.Encoded body = served.body().encodedFor(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        for (String vary : AvailabilityApi.VARY) {
            response.addHeader(HttpHeaders.VARY, vary);
        }
        response.setHeader(HttpHeaders.ETAG, body.etag());
        response.setHeader(HttpHeaders.CACHE_CONTROL, AvailabilityApi.cacheControl(served));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-XSS-Protection", "0");
        if (request.isSecure()) {
            HSTS.writeHeaders(request, response);
        }
        response.setHeader("X-Frame-Options", "DENY");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (notModified(request.getHeader(HttpHeaders.IF_NONE_MATCH), body.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        if (body.contentEncoding() != null) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, body.contentEncoding());
        }
        response.setContentLength(body.bytes().length);
        response.getOutputStream().write(body.bytes());
    }

    /** As Spring MVC compares them for a GET: weakly, any of a list, or {@code *}. */
    static boolean notModified(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals("*") || candidate.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** The question as the controller would name it, or null when a parameter is missing, repeated or not written plainly. */
    private PublicQuestion question(Call call, HttpServletRequest request) {
        String place = single(request, call.placeParameter());
        String date = single(request, "date");
        if (place == null || date == null || !plainNumber(place, call.pincode())) {
            return null;
        }
        String[] vaccines = request.getParameterValues("vaccine");
        String[] slots = request.getParameterValues("slots");
        if ((vaccines != null && vaccines.length != 1) || (slots != null && slots.length != 1)) {
            return null;
        }
        LocalDate day;
        ParsedDate last = lastDate;
        if (last.text().equals(date)) {
            day = last.date();
        } else {
            try {
                day = CowinDates.parse(date);
            } catch (RuntimeException unreadable) {
                return null;
            }
            lastDate = new ParsedDate(date, day);
        }
        var view = AvailabilityApi.view(CowinLanguage.of(request), slots == null ? null : slots[0], settings);
        return PublicQuestion.of(call.kind(), Integer.parseInt(place), day, vaccines == null ? null : vaccines[0], view);
    }

    private static String single(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values != null && values.length == 1 ? values[0] : null;
    }

    /** A PIN code as the controller accepts it unstripped, or an id of at most 9 digits without a leading zero (Spring would read 0624 as octal). */
    private static boolean plainNumber(String text, boolean pincode) {
        int length = text.length();
        if (pincode ? length != 6 : length < 1 || length > 9) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || (i == 0 && c == '0')) {
                return false;
            }
        }
        return true;
    }
}
