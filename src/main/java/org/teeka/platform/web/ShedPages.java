package org.teeka.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.context.MessageSource;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What {@link Admission} answers a request it does not let in, as the bytes sent: the waiting-room
 * page, the "very busy" page and problem details, each made once per language (and, for the
 * waiting room, per refresh period) and then only copied. Past capacity these are most of what a
 * node answers (in the launch-day benchmark's overload, 315,595 of 366,476 refusals were waiting-room
 * pages), and rendering each through Thymeleaf took 41% of Teeka's CPU there: shedding has to cost
 * next to nothing, or it takes the CPU from the requests let in.
 * <p>
 * The pages depend on nothing of the request but its language (a page made for one caller is sent
 * to all): they are rendered with request attributes of their own, so the layout never sees a
 * signed-in person, and links are built without a session id in them.
 */
final class ShedPages {

    /** Stands for the place in line while the waiting room is rendered; then the page is split around it. */
    private static final String POSITION = "9876543210";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ITemplateEngine templates;
    private final MessageSource messages;
    private final String retryAfter;
    private final Map<WaitingRoomKey, byte[][]> waitingRooms = new ConcurrentHashMap<>();
    private final Map<Locale, byte[]> errorPages = new ConcurrentHashMap<>();
    private final Map<Locale, byte[]> problems = new ConcurrentHashMap<>();
    private final Map<Locale, byte[]> cowinErrors = new ConcurrentHashMap<>();
    private volatile JakartaServletWebApplication web;

    ShedPages(ITemplateEngine templates, MessageSource messages, String retryAfter) {
        this.templates = templates;
        this.messages = messages;
        this.retryAfter = retryAfter;
    }

    private record WaitingRoomKey(Locale language, boolean called, long refresh) {
    }

    /**
     * The waiting room in a supported language: the place in line ({@code position}, or 0 for
     * someone who has been called), reloading itself every {@code refresh} seconds.
     */
    byte[] waitingRoom(HttpServletRequest request, HttpServletResponse response, Locale language, int position, long refresh) {
        byte[][] parts = madeOnce(waitingRooms, new WaitingRoomKey(language, position == 0, refresh), key -> {
            String page = render(request, response, "waiting-room", key.language(), Map.of(
                    "called", key.called(), "position", POSITION, "refresh", key.refresh()));
            if (key.called()) {
                return new byte[][] {page.getBytes(StandardCharsets.UTF_8)};
            }
            int at = page.indexOf(POSITION);
            if (at < 0 || page.indexOf(POSITION, at + 1) >= 0) {
                throw new IllegalStateException("the waiting room must show the place in line exactly once");
            }
            return new byte[][] {page.substring(0, at).getBytes(StandardCharsets.UTF_8),
                    page.substring(at + POSITION.length()).getBytes(StandardCharsets.UTF_8)};
        });
        if (parts.length == 1) {
            return parts[0];
        }
        byte[] digits = Integer.toString(position).getBytes(StandardCharsets.US_ASCII);
        byte[] page = new byte[parts[0].length + digits.length + parts[1].length];
        System.arraycopy(parts[0], 0, page, 0, parts[0].length);
        System.arraycopy(digits, 0, page, parts[0].length, digits.length);
        System.arraycopy(parts[1], 0, page, parts[0].length + digits.length, parts[1].length);
        return page;
    }

    /** The "very busy" page (templates/error.html) in a supported language. */
    byte[] errorPage(HttpServletRequest request, HttpServletResponse response, Locale language) {
        return madeOnce(errorPages, language, key -> render(request, response, "error", key, Map.of(
                "status", Admission.SHED, "messageCode", "request.error.overloaded", "messageArguments", new Object[] {retryAfter}))
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The problem details of a refusal in a supported language (the title is the problem type's:
     * "very busy"). Also made once because the benchmark saw 191 of 200 request threads blocked on
     * the one MessageFormat that Spring formats this message with (it formats under a lock), all
     * refusing the same way at the same moment.
     */
    byte[] problem(Locale language) {
        return madeOnce(problems, language, key -> {
            var problem = new LinkedHashMap<String, Object>();
            problem.put("type", "urn:teeka:problem:request.error.overloaded");
            problem.put("title", messages.getMessage("problem.title.503", null, key));
            problem.put("status", Admission.SHED);
            problem.put("detail", messages.getMessage("request.error.overloaded", new Object[] {retryAfter}, key));
            problem.put("code", "request.error.overloaded");
            return JSON.writeValueAsBytes(problem);
        });
    }

    /**
     * The same refusal in the CoWIN API's own error shape ({@code {"errorCode","error"}},
     * the contract's "Errors"), which its clients parse for every error on
     * {@code /api/v2}; the code is Teeka's, as for the CoWIN API's other errors without a CoWIN code.
     */
    byte[] cowinError(Locale language) {
        return madeOnce(cowinErrors, language, key -> {
            var error = new LinkedHashMap<String, Object>();
            error.put("errorCode", "request.error.overloaded");
            error.put("error", messages.getMessage("request.error.overloaded", new Object[] {retryAfter}, key));
            return JSON.writeValueAsBytes(error);
        });
    }

    /**
     * The value made for {@code key}, made now if it is the first time. A plain {@code get} first: {@code computeIfAbsent}
     * locks the key's bin whenever the key is not the bin's first entry (English and Hindi may share one), and under the
     * benchmark's overload the refusals queued on that lock (JFR: 420 waits, 517 s in all, in one minute).
     */
    private static <K, V> V madeOnce(Map<K, V> made, K key, Function<K, V> make) {
        V value = made.get(key);
        return value != null ? value : made.computeIfAbsent(key, make);
    }

    private String render(HttpServletRequest request, HttpServletResponse response, String template, Locale language, Map<String, Object> variables) {
        if (web == null) {
            web = JakartaServletWebApplication.buildApplication(request.getServletContext());
        }
        // the links as they are for everyone: without the caller's session id, should the container put it in URLs
        var exchange = web.buildExchange(withAttributesOfItsOwn(request), new HttpServletResponseWrapper(response) {
            @Override
            public String encodeURL(String url) {
                return url;
            }
        });
        var context = new WebContext(exchange, language, variables);
        return templates.process(template, context);
    }

    /**
     * The request as the template sees it: with attributes of its own, empty at first, so that
     * nothing an earlier filter left in the caller's request (a signed-in person, a notice) can be
     * baked into a page sent to everyone.
     */
    private static HttpServletRequest withAttributesOfItsOwn(HttpServletRequest request) {
        var attributes = new HashMap<String, Object>();
        return new HttpServletRequestWrapper(request) {
            @Override
            public Object getAttribute(String name) {
                return attributes.get(name);
            }

            @Override
            public Enumeration<String> getAttributeNames() {
                return Collections.enumeration(attributes.keySet());
            }

            @Override
            public void setAttribute(String name, Object value) {
                if (value == null) {
                    attributes.remove(name);
                } else {
                    attributes.put(name, value);
                }
            }

            @Override
            public void removeAttribute(String name) {
                attributes.remove(name);
            }
        };
    }
}
