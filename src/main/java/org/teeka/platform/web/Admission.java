package org.teeka.platform.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.teeka.platform.Secrets;
import org.thymeleaf.ITemplateEngine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Admission control: at most so many requests of each {@link RequestClass} run at once on this
 * node. Past that bound a request waits at most {@code max-wait} for a place and is then answered
 * at once, before any session, security or database work, always with status 429 ({@link #SHED}) and
 * {@code Retry-After}: a JSON API with the problem code {@code request.error.overloaded}; a
 * citizen's page with the waiting room, which hands out a signed ticket (a cookie) and lets tickets
 * in strictly in order as places free; any other page with the "very busy" page. (A client over its
 * own quota gets 429 from {@code Quotas}, with its own problem code.)
 * A request that waited longer than {@code max-queue-delay} for a thread before it reached this
 * filter (the CPU is saturated: see {@link QueueDelay}) is refused the same way at once. Nothing
 * waits without bound, so there is never a gateway timeout.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class Admission extends OncePerRequestFilter {

    static final String TICKET_COOKIE = "teeka-queue";
    static final String PASS_COOKIE = "teeka-admitted";

    /**
     * The status of every answer this filter gives instead of serving: 429, not 503, because Tomcat closes the
     * connection after a 503 (with no setting to change that) and keeps it after a 429. Under the benchmark's overload
     * the refusals are most of all answers: with 503 each one cost its client a new connection, the threads closing
     * them queued on the lock of Tomcat's one poller, and a client whose connection was closed waited in a full accept
     * queue (once two minutes) for the next. 503 stays what it says: something failed (a database timeout).
     */
    static final int SHED = 429;

    private final AdmissionSettings settings;
    private final Map<RequestClass, Semaphore> places = new EnumMap<>(RequestClass.class);
    private final Map<RequestClass, Long> maxWaitNanos = new EnumMap<>(RequestClass.class);
    private final Map<RequestClass, Counter> admitted = new EnumMap<>(RequestClass.class);
    private final Map<RequestClass, Counter> shed = new EnumMap<>(RequestClass.class);
    private final Counter queued;
    private final Counter late;
    private final Timer queueDelay;
    private final WaitingRoom room;
    /** tickets of an earlier run of this node are not honoured: its queue is gone */
    private final String epoch = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);

    private final Secrets secrets;
    private final LocaleResolver locales;
    private final ShedPages pages;

    Admission(AdmissionSettings settings, Secrets secrets, MessageSource messages, LocaleResolver locales,
            ITemplateEngine templates, MeterRegistry registry) {
        this.settings = settings;
        this.secrets = secrets;
        this.locales = locales;
        this.pages = new ShedPages(templates, messages, retryAfterSeconds());
        var waiting = settings.waitingRoom();
        this.room = new WaitingRoom(waiting.ticketTtl(), waiting.recountEvery(), waiting.refresh(), waiting.maxLength(),
                settings.bound(RequestClass.CITIZEN_PAGES).maxConcurrent(), System::nanoTime);
        for (RequestClass requestClass : RequestClass.values()) {
            if (requestClass == RequestClass.EXEMPT) {
                continue;
            }
            var bound = settings.bound(requestClass);
            var semaphore = new Semaphore(bound.maxConcurrent());
            places.put(requestClass, semaphore);
            maxWaitNanos.put(requestClass, bound.maxWait().toNanos());
            admitted.put(requestClass, Counter.builder("teeka.admission.admitted").tag("class", requestClass.key())
                    .description("requests let in").register(registry));
            shed.put(requestClass, Counter.builder("teeka.admission.shed").tag("class", requestClass.key())
                    .description("requests refused (429) or sent to the waiting room").register(registry));
            Gauge.builder("teeka.admission.in-flight", semaphore, s -> bound.maxConcurrent() - s.availablePermits())
                    .tag("class", requestClass.key()).description("requests running now").register(registry);
            Gauge.builder("teeka.admission.limit", bound, b -> b.maxConcurrent())
                    .tag("class", requestClass.key()).description("requests allowed to run at once").register(registry);
        }
        Gauge.builder("teeka.admission.queue", room, WaitingRoom::length)
                .tag("class", RequestClass.CITIZEN_PAGES.key()).description("people in the waiting room").register(registry);
        this.late = Counter.builder("teeka.admission.late")
                .description("requests refused because they waited longer than max-queue-delay for a thread").register(registry);
        this.queueDelay = Timer.builder("teeka.admission.queue-delay")
                .description("how long requests waited in Tomcat's queue for a thread before this filter saw them").register(registry);
        this.queued = Counter.builder("teeka.admission.queued").tag("class", RequestClass.CITIZEN_PAGES.key())
                .description("people given a waiting-room ticket").register(registry);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestClass requestClass = RequestClass.of(request);
        if (!settings.enabled() || requestClass == RequestClass.EXEMPT) {
            chain.doFilter(request, response);
            return;
        }
        long maxQueueDelay = settings.maxQueueDelay().toNanos();
        long waited = QueueDelay.waitedNanos();
        queueDelay.record(waited, TimeUnit.NANOSECONDS);
        boolean waitsInLine = waitsInLine(requestClass, request);
        OptionalLong ticket = waitsInLine ? ticket(request) : OptionalLong.empty();
        // someone whose turn has come in the waiting room is not turned away for having waited: the window bounds how many
        // they are, and refused as late they would keep their turn without ever getting in while the CPU is saturated
        boolean called = ticket.isPresent() && room.served(ticket.getAsLong());
        if (maxQueueDelay > 0 && !called && waited > maxQueueDelay) {
            // no thread was free for long (the CPU saturated, or every request thread busy): answer it now, without serving it;
            // a citizen's page gets a place in the waiting room rather than an error (one let in lately, a plain refusal:
            // the end of the queue would be unfair to them, and their next page is likely served)
            shed.get(requestClass).increment();
            late.increment();
            boolean queuedInstead = waitsInLine && !hasPass(request) && toWaitingRoom(request, response, ticket);
            if (!queuedInstead) {
                refuse(request, response);
            }
            return;
        }
        Semaphore semaphore = places.get(requestClass);
        boolean in = waitsInLine
                ? throughWaitingRoom(request, response, semaphore, ticket)
                : acquire(semaphore, requestClass);
        if (!in) {
            shed.get(requestClass).increment();
            // nothing answered yet (the waiting room was not: the queue is full, or a pass holder found no place)
            if (!response.isCommitted() && response.getStatus() == HttpServletResponse.SC_OK) {
                refuse(request, response);
            }
            return;
        }
        admitted.get(requestClass).increment();
        try {
            chain.doFilter(request, response);
        } finally {
            semaphore.release();
        }
    }

    /** Whether the request goes through the waiting room: a citizen's whole page (a page part for htmx would be replaced by it). */
    private static boolean waitsInLine(RequestClass requestClass, HttpServletRequest request) {
        return requestClass == RequestClass.CITIZEN_PAGES && !isHtmx(request);
    }

    private boolean acquire(Semaphore semaphore, RequestClass requestClass) {
        if (semaphore.tryAcquire()) {
            return true;
        }
        long wait = maxWaitNanos.get(requestClass);
        try {
            return wait > 0 && semaphore.tryAcquire(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Lets the request in when a place is free and it is the caller's turn ({@link WaitingRoom}):
     * a newcomer's while nobody is waiting for theirs, a ticket's once the turn has reached it. A
     * caller whose turn it is not yet, finding a place free, moves the turn on to the next ticket
     * (within the room's window); once it reaches them they are let in. Otherwise answers with the
     * waiting room and the place in line. Someone let in lately (a pass) needs a free place but not a turn.
     */
    private boolean throughWaitingRoom(HttpServletRequest request, HttpServletResponse response, Semaphore semaphore,
            OptionalLong ticket) throws IOException {
        if (hasPass(request)) {
            // let in from the queue lately: a free place without waiting for a turn, or, none being free, the plain
            // "try again" page (as when late) rather than a new ticket at the end of the line
            return acquire(semaphore, RequestClass.CITIZEN_PAGES);
        }
        if (ticket.isEmpty() && room.allServed() && semaphore.tryAcquire()) {
            return true;
        }
        boolean fromQueue = ticket.isPresent();
        if (ticket.isEmpty()) {
            ticket = join();
            if (ticket.isEmpty()) {
                return false;
            }
        }
        long sequence = ticket.getAsLong();
        if (!room.served(sequence) && semaphore.availablePermits() > 0) {
            room.moveOn();
        }
        if (room.served(sequence) && semaphore.tryAcquire()) {
            room.leave(sequence);
            if (fromQueue) {
                response.addHeader(HttpHeaders.SET_COOKIE, TICKET_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
                long admittedFor = settings.waitingRoom().admittedFor().toSeconds();
                String until = Long.toString(System.currentTimeMillis() / 1000 + admittedFor);
                response.addHeader(HttpHeaders.SET_COOKIE, PASS_COOKIE + "=" + signed("pass", until) + "; Path=/; Max-Age="
                        + admittedFor + "; HttpOnly; SameSite=Lax");
            }
            return true;
        }
        toWaitingRoom(request, response, ticket);
        return false;
    }

    /**
     * Answers with the waiting room: the caller's place in line, or a new ticket at its end. False,
     * with nothing written, when the caller has no ticket and the queue is full.
     */
    private boolean toWaitingRoom(HttpServletRequest request, HttpServletResponse response, OptionalLong ticket) throws IOException {
        if (ticket.isEmpty()) {
            ticket = join();
            if (ticket.isEmpty()) {
                return false;
            }
        }
        long sequence = ticket.getAsLong();
        response.addHeader(HttpHeaders.SET_COOKIE, TICKET_COOKIE + "=" + sign(sequence) + "; Path=/; Max-Age="
                + settings.waitingRoom().ticketTtl().toSeconds() + "; HttpOnly; SameSite=Lax");
        var waiting = settings.waitingRoom();
        int ahead = room.served(sequence) ? -1 : room.ahead(sequence);
        Duration refresh = room.near(ahead) ? waiting.nearRefresh() : room.far(ahead) ? waiting.farRefresh() : waiting.refresh();
        waitingRoom(request, response, ahead + 1, refresh);
        return true;
    }

    /** A new ticket at the end of the queue, or none when it is full. */
    private OptionalLong join() {
        OptionalLong ticket = room.join();
        if (ticket.isPresent()) {
            queued.increment();
        }
        return ticket;
    }

    /** Whether the caller was let in from the queue lately (a signed pass that has not expired). */
    private boolean hasPass(HttpServletRequest request) {
        String value = cookie(request, PASS_COOKIE);
        if (value == null) {
            return false;
        }
        String[] parts = value.split("\\.");
        return parts.length == 3 && parts[0].equals(epoch) && parts[1].matches("[0-9]{1,12}")
                && Long.parseLong(parts[1]) >= System.currentTimeMillis() / 1000 && signed("pass", parts[1]).equals(value);
    }

    private static String cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (name.equals(cookie.getName())) {
                    String value = cookie.getValue();
                    // clients that follow RFC 2965 (java.net.CookieManager) send the value in quotes
                    return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
                }
            }
        }
        return null;
    }

    /** The caller's ticket if it is signed by this node in this run and still holds a place. */
    private OptionalLong ticket(HttpServletRequest request) {
        String value = cookie(request, TICKET_COOKIE);
        if (value == null) {
            return OptionalLong.empty();
        }
        String[] parts = value.split("\\.");
        if (parts.length == 3 && parts[0].equals(epoch) && parts[1].matches("[0-9]{1,18}")
                && sign(Long.parseLong(parts[1])).equals(value)) {
            long sequence = Long.parseLong(parts[1]);
            if (room.refresh(sequence)) {
                return OptionalLong.of(sequence);
            }
        }
        return OptionalLong.empty();
    }

    private String sign(long sequence) {
        return signed("ticket", Long.toString(sequence));
    }

    /** epoch.value.mac: bound to this run of this node and to its purpose */
    private String signed(String purpose, String value) {
        String text = epoch + "." + value;
        return text + "." + secrets.hmac("waiting-room:" + purpose + ":" + text).substring(0, 32);
    }

    /**
     * The waiting-room page: the place in line, or 0 for someone who has been called; reloading itself after
     * {@code every} (on the same connection: {@link #SHED}).
     */
    private void waitingRoom(HttpServletRequest request, HttpServletResponse response, int position, Duration every) throws IOException {
        long refresh = Math.max(1, every.toSeconds());
        response.setStatus(SHED);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refresh));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Refresh", Long.toString(refresh));
        write(response, pages.waitingRoom(request, response, language(request), position, refresh));
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String retryAfter = retryAfterSeconds();
        response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/v2/")) {
            // the CoWIN API, in its own error shape; it may be called from any web page (CowinSecurityConfiguration),
            // and such a page must be able to read this answer
            if (request.getHeader(HttpHeaders.ORIGIN) != null) {
                response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
                response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, HttpHeaders.RETRY_AFTER);
            }
            response.setStatus(SHED);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            write(response, pages.cowinError(supported(locales.resolveLocale(request))));
            return;
        }
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/") || isHtmx(request)) {
            response.setStatus(SHED);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            write(response, pages.problem(supported(locales.resolveLocale(request))));
            return;
        }
        // the error page (templates/error.html), rendered here: through an error dispatch it would run the
        // security chain and MVC again and look for static error pages in the jar each time (the benchmark
        // saw thousands of refused requests queued on that lookup under overload)
        response.setStatus(SHED);
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        write(response, pages.errorPage(request, response, language(request)));
    }

    /**
     * The page's language: {@code ?lang=} switches it on every page (Languages), the waiting room included. Read from a
     * GET's query only: for a form, getParameter would read its body first, and a refusal must not wait for a body
     * still arriving (the read timed out and the client got no answer at all).
     */
    private Locale language(HttpServletRequest request) {
        String lang = HttpMethod.GET.matches(request.getMethod()) ? request.getParameter("lang") : null;
        return Languages.supported(lang).orElseGet(() -> supported(locales.resolveLocale(request)));
    }

    /** A supported language, never the locale as asked: a cookie may name any locale at all. */
    private static Locale supported(Locale locale) {
        return Languages.supported(locale.getLanguage()).orElse(Languages.ENGLISH);
    }

    private static void write(HttpServletResponse response, byte[] body) throws IOException {
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private String retryAfterSeconds() {
        return Long.toString(Math.max(1, settings.retryAfter().toSeconds()));
    }

    private static boolean isHtmx(HttpServletRequest request) {
        return request.getHeader("HX-Request") != null;
    }
}
