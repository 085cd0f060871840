package org.teeka.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.teeka.platform.TeekaException;

/**
 * A {@link TeekaException} raised behind a page is shown as the error page with its own message,
 * in the reader's language. Other failures reach Spring Boot's error page (templates/error.html),
 * which never shows a stack trace.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class ErrorPages {

    /** A statement cancelled by its timeout, or no database connection in time: a 503 page, try again shortly. */
    @ExceptionHandler(org.springframework.dao.DataAccessException.class)
    ModelAndView databaseFailure(org.springframework.dao.DataAccessException exception, HttpServletResponse response) {
        if (!DatabaseTimeouts.causedBy(exception)) {
            throw exception;
        }
        response.setHeader("Retry-After", "1");
        var page = new ModelAndView("error");
        page.setStatus(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE);
        page.addObject("status", 503);
        page.addObject("messageCode", DatabaseTimeouts.CODE);
        return page;
    }

    @ExceptionHandler(TeekaException.class)
    ModelAndView show(TeekaException exception, HttpServletResponse response) {
        exception.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        var page = new ModelAndView("error");
        page.setStatus(exception.getStatusCode());
        page.addObject("status", exception.getStatusCode().value());
        page.addObject("messageCode", exception.code());
        page.addObject("messageArguments", exception.arguments());
        return page;
    }
}
