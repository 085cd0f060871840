package org.teeka.platform.web;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every error of a JSON API as RFC 9457 problem details: a stable {@code code}, a {@code title}
 * and {@code detail} in the caller's language, and for invalid input the {@code errors} per field.
 * A client mistake is never a 500.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final String TYPE_PREFIX = "urn:teeka:problem:";

    ApiProblems(MessageSource messageSource) {
        setMessageSource(messageSource);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException exception, WebRequest request) {
        var body = ProblemDetail.forStatus(400);
        body.setProperty("errors", List.of(Map.of("field", exception.getName(), "code", "request.error.invalid-value")));
        return handleExceptionInternal(exception, body, new HttpHeaders(), HttpStatusCode.valueOf(400), request);
    }

    /** A statement cancelled by its timeout, or no database connection in time: 503, come back shortly. */
    @ExceptionHandler(org.springframework.dao.DataAccessException.class)
    ResponseEntity<Object> databaseFailure(org.springframework.dao.DataAccessException exception, WebRequest request) throws Exception {
        if (!DatabaseTimeouts.causedBy(exception)) {
            throw exception;
        }
        var body = ProblemDetail.forStatus(503);
        body.setProperty("code", DatabaseTimeouts.CODE);
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return handleExceptionInternal(exception, body, headers, HttpStatusCode.valueOf(503), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (bodyTooLarge(exception) != null) {
            status = HttpStatusCode.valueOf(413);
            headers.set(HttpHeaders.CONNECTION, "close");
        }
        return handleExceptionInternal(exception, null, headers, status, request);
    }

    private static BodyLimits.BodyTooLargeException bodyTooLarge(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof BodyLimits.BodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var body = exception.getBody();
        body.setProperty("errors", exception.getBindingResult().getFieldErrors().stream()
                .map(error -> fieldError(error, request.getLocale())).toList());
        return handleExceptionInternal(exception, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception exception, @Nullable Object body,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail p ? p
                : exception instanceof ErrorResponse e ? e.getBody() : ProblemDetail.forStatus(status);
        String code = problem.getProperties() != null && problem.getProperties().get("code") instanceof String c
                ? c : codeFor(exception, status);
        Locale locale = request.getLocale();
        problem.setProperty("code", code);
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(message("problem.title." + status.value(), locale, "problem.title.other"));
        String detail = getMessageSource().getMessage(code, argumentsOf(exception), null, locale);
        problem.setDetail(detail != null ? detail : problem.getTitle());
        return super.handleExceptionInternal(exception, problem, headers, status, request);
    }

    private static Object[] argumentsOf(Exception exception) {
        if (bodyTooLarge(exception) != null) {
            return new Object[] {bodyTooLarge(exception).limit};
        }
        return exception instanceof org.teeka.platform.TeekaException t ? t.arguments() : null;
    }

    private static String codeFor(Exception exception, HttpStatusCode status) {
        if (exception instanceof MethodArgumentNotValidException || exception instanceof HandlerMethodValidationException) {
            return "request.error.invalid";
        }
        if (bodyTooLarge(exception) != null) {
            return "request.error.body-too-large";
        }
        if (exception instanceof HttpMessageNotReadableException) {
            return "request.error.unreadable";
        }
        if (exception instanceof MethodArgumentTypeMismatchException) {
            return "request.error.invalid-value";
        }
        return switch (status.value()) {
            case 400 -> "request.error.bad";
            case 404 -> "request.error.not-found";
            case 405 -> "request.error.method-not-allowed";
            case 406, 415 -> "request.error.media-type";
            case 413 -> "request.error.too-large";
            default -> status.is4xxClientError() ? "request.error.bad" : "request.error.server";
        };
    }

    private Map<String, Object> fieldError(FieldError error, Locale locale) {
        String code = error.getCode() == null ? "invalid" : error.getCode();
        return Map.of("field", error.getField(),
                "code", "field.error." + code.toLowerCase(Locale.ROOT),
                "message", getMessageSource().getMessage(error, locale));
    }

    private String message(String key, Locale locale, String fallbackKey) {
        String text = getMessageSource().getMessage(key, null, null, locale);
        return text != null ? text : getMessageSource().getMessage(fallbackKey, null, fallbackKey, locale);
    }
}
