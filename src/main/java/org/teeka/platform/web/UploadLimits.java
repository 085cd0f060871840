package org.teeka.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.util.WebUtils;
import org.springframework.web.servlet.LocaleResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Answers an upload larger than the multipart limits ({@code spring.servlet.multipart.*}) with
 * 413 and a page in the reader's language saying how large a file may be (a problem detail under
 * {@code /api/}). It runs before Spring Security, whose CSRF check is the first to ask for a
 * parameter: Tomcat would then refuse the body with a bare 413 that says only "check what you
 * entered". A request whose length is known is refused without reading its body; one sent in
 * chunks when its parts exceed the limit. Tomcat then reads and drops the rest of the body (up to
 * {@code server.tomcat.max-swallow-size}), so the browser, which sends the whole file before it
 * reads the answer, gets the page rather than a broken connection.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10)
class UploadLimits extends OncePerRequestFilter {

    private final long maxRequestSize;
    private final long maxFileSize;

    private final MessageSource messages;
    private final LocaleResolver locales;

    UploadLimits(MultipartConfigElement multipart, MessageSource messages, LocaleResolver locales) {
        this.maxRequestSize = multipart.getMaxRequestSize();
        this.maxFileSize = multipart.getMaxFileSize();
        this.messages = messages;
        this.locales = locales;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isMultipart(request)) {
            // Tomcat checks a known length before reading any of the body, and remembers the failure, so that reading the
            // parameters again (the error page asks for ?lang) does not fail a second time
            try {
                request.getParts();
            } catch (IllegalStateException | ServletException | IOException e) {
                if (sizeExceeded(e)) {
                    tooLarge(request, response);
                    return;
                }
                // other parse failures are the application's to report
            }
        }
        chain.doFilter(request, response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String limit = megabytes(maxFileSize > 0 ? maxFileSize : maxRequestSize);
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            Locale locale = locales.resolveLocale(request);
            String detail = messages.getMessage("request.error.upload-too-large", new Object[] {limit}, locale);
            String title = messages.getMessage("problem.title.413", null, locale);
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"type\":\"urn:teeka:problem:request.error.upload-too-large\",\"title\":" + json(title)
                    + ",\"status\":413,\"detail\":" + json(detail) + ",\"code\":\"request.error.upload-too-large\"}");
            return;
        }
        // the error page shows the message these name (templates/error.html)
        request.setAttribute("messageCode", "request.error.upload-too-large");
        request.setAttribute("messageArguments", new Object[] {limit});
        // tells the DispatcherServlet rendering the error page that this multipart request cannot be parsed, so it does not try
        request.setAttribute(WebUtils.ERROR_EXCEPTION_ATTRIBUTE, new MaxUploadSizeExceededException(maxFileSize));
        response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /** Tomcat names the limit it met in the exception's class (FileSizeLimitExceededException, SizeLimitExceededException). */
    private static boolean sizeExceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().contains("SizeLimitExceeded") || t.getClass().getSimpleName().contains("SizeException")) {
                return true;
            }
        }
        return false;
    }

    private static String megabytes(long bytes) {
        long mb = 1024 * 1024;
        return bytes % mb == 0 ? bytes / mb + " MB" : String.format(Locale.ROOT, "%.1f MB", bytes / (double) mb);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
