package org.teeka.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Refuses a request body (other than a multipart upload, which {@link UploadLimits} bounds) larger
 * than {@code teeka.limits.max-body-size} with 413: at once when its declared length is too large,
 * and, for a body sent in chunks, as soon as the bytes read pass the limit ({@link BodyTooLargeException},
 * answered 413 by the API's error handlers). Nothing larger is ever buffered.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 6)
class BodyLimits extends OncePerRequestFilter {

    private final long maxBytes;
    private final String limitText;
    private final MessageSource messages;
    private final LocaleResolver locales;

    BodyLimits(@Value("${teeka.limits.max-body-size:1MB}") DataSize maxBodySize, MessageSource messages, LocaleResolver locales) {
        this.maxBytes = maxBodySize.toBytes();
        this.limitText = maxBodySize.toKilobytes() % 1024 == 0 ? maxBodySize.toMegabytes() + " MB" : maxBodySize.toKilobytes() + " KB";
        this.messages = messages;
        this.locales = locales;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            chain.doFilter(request, response);
            return;
        }
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            tooLarge(request, response);
            return;
        }
        chain.doFilter(length < 0 && request.getHeader("Transfer-Encoding") != null ? new Bounded(request, maxBytes, limitText) : request, response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            Locale locale = locales.resolveLocale(request);
            String detail = messages.getMessage("request.error.body-too-large", new Object[] {limitText}, locale);
            String title = messages.getMessage("problem.title.413", null, locale);
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("Connection", "close");
            response.getWriter().write("{\"type\":\"urn:teeka:problem:request.error.body-too-large\",\"title\":" + json(title)
                    + ",\"status\":413,\"detail\":" + json(detail) + ",\"code\":\"request.error.body-too-large\"}");
            return;
        }
        request.setAttribute("messageCode", "request.error.body-too-large");
        request.setAttribute("messageArguments", new Object[] {limitText});
        response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * A body read past the limit: 413. Unchecked, so that it reaches the exception handlers as itself
     * (a message converter would turn an IOException into an unreadable body, a 400).
     */
    static final class BodyTooLargeException extends org.springframework.web.ErrorResponseException {

        final String limit;

        BodyTooLargeException(String limit) {
            super(HttpStatus.CONTENT_TOO_LARGE);
            this.limit = limit;
            getBody().setProperty("code", "request.error.body-too-large");
            getHeaders().set("Connection", "close");
        }
    }

    /** A request whose body stream fails once more than the limit has been read. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long maxBytes;
        private final String limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long maxBytes, String limit) {
            super(request);
            this.maxBytes = maxBytes;
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws IOException {
                        read += n;
                        if (read > maxBytes) {
                            throw new BodyTooLargeException(limit);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
