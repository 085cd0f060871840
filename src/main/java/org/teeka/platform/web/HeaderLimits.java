package org.teeka.platform.web;

import jakarta.servlet.RequestDispatcher;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.io.Writer;

/**
 * Request headers larger than {@code server.max-http-request-header-size} are refused by Tomcat
 * before any application code runs, as a bare 400. This answers them 431 (Request Header Fields
 * Too Large) saying the limit in English and Hindi (the headers that would name the reader's
 * language are the ones that could not be read). Other errors Tomcat answers itself keep Spring
 * Boot's terse page without a stack trace or server version.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class HeaderLimits implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final String text;

    HeaderLimits(@Value("${server.max-http-request-header-size:8KB}") DataSize limit, MessageSource messages) {
        Object[] size = {limit.toKilobytes() + " KB"};
        this.text = messages.getMessage("request.error.headers-too-large", size, Languages.ENGLISH) + "\n"
                + messages.getMessage("request.error.headers-too-large", size, Languages.HINDI) + "\n";
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // added after Spring Boot's own error valve, so it is nearer the request and answers first
        factory.addContextCustomizers(context -> {
            var valve = new Valve(text);
            valve.setShowReport(false);
            valve.setShowServerInfo(false);
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(Valve.class.getName());
            }
            context.getParent().getPipeline().addValve(valve);
        });
    }

    /** Tomcat's error report, with the header-size refusal made a clear 431. */
    public static class Valve extends ErrorReportValve {

        private final String text;

        public Valve() {
            this("");
        }

        Valve(String text) {
            this.text = text;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            Throwable failure = throwable != null ? throwable : (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            if (response.getStatus() == 400 && !text.isEmpty() && headersTooLarge(failure) && response.getContentWritten() == 0
                    && response.setErrorReported()) {
                response.setStatus(431);
                response.setContentType("text/plain");
                response.setCharacterEncoding("UTF-8");
                try {
                    Writer writer = response.getReporter();
                    if (writer != null) {
                        writer.write(text);
                        response.finishResponse();
                    }
                } catch (IOException | IllegalStateException ignored) {
                    // the client is gone; nothing more to tell it
                }
                return;
            }
            super.report(request, response, throwable);
        }

        private static boolean headersTooLarge(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException && t.getMessage() != null && t.getMessage().contains("header is too large")) {
                    return true;
                }
            }
            return false;
        }
    }
}
