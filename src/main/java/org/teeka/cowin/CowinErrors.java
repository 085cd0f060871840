package org.teeka.cowin;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.util.DisconnectedClientHelper;
import org.teeka.platform.TeekaException;
import org.teeka.platform.web.DatabaseTimeouts;

import java.util.Locale;

/**
 * Every error of the CoWIN API as {@code {"errorCode","error"}} with a fitting status, the text
 * in the caller's language. Only for {@link CowinApi} controllers; Teeka's own API keeps its
 * problem details. A client mistake is never a 500; no database connection in time or a statement
 * timeout is 503 with Retry-After; another transient database failure is CoWIN's "try again" 400,
 * which clients retry.
 */
@RestControllerAdvice(annotations = CowinApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CowinErrors {

    private static final Logger log = LoggerFactory.getLogger(CowinErrors.class);

    private final MessageSource messages;

    CowinErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(TeekaException.class)
    ResponseEntity<CowinError> refused(TeekaException exception, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(exception.getHeaders());
        return answer(exception.getStatusCode(), exception.code(), exception.arguments(), headers, request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<CowinError> missing(MissingServletRequestParameterException exception, HttpServletRequest request) {
        return answer(HttpStatus.BAD_REQUEST, "cowin.error.parameter-missing", new Object[] {exception.getParameterName()},
                new HttpHeaders(), request);
    }

    @ExceptionHandler(TypeMismatchException.class)
    ResponseEntity<CowinError> mismatch(TypeMismatchException exception, HttpServletRequest request) {
        return answer(HttpStatus.BAD_REQUEST, "cowin.error.parameter-invalid", new Object[] {exception.getPropertyName()},
                new HttpHeaders(), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<CowinError> unreadable(HttpMessageNotReadableException exception, HttpServletRequest request) {
        // a body sent in chunks that passed the platform's size limit while it was being read
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ErrorResponse error && error.getStatusCode().value() == 413) {
                return answer(error.getStatusCode(), "request.error.too-large", null, new HttpHeaders(), request);
            }
        }
        return answer(HttpStatus.BAD_REQUEST, "request.error.unreadable", null, new HttpHeaders(), request);
    }

    /**
     * No database connection in time, or a statement cancelled by its timeout: the platform is
     * busy, 503 with Retry-After (as admission control answers), never a 500. Another transient
     * failure (a deadlock, a serialization failure) is CoWIN's "try again" 400.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<CowinError> databaseFailure(Exception exception, HttpServletRequest request) {
        if (DatabaseTimeouts.causedBy(exception)) {
            log.warn("CoWIN request {} answered 503: {}", request.getRequestURI(), exception.toString());
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "1");
            return answer(HttpStatus.SERVICE_UNAVAILABLE, DatabaseTimeouts.CODE, null, headers, request);
        }
        if (exception instanceof TransientDataAccessException || exception instanceof PessimisticLockingFailureException) {
            return transientFailure(exception, request);
        }
        return other(exception, request);
    }

    private ResponseEntity<CowinError> transientFailure(Exception exception, HttpServletRequest request) {
        log.warn("CoWIN request {} failed for now: {}", request.getRequestURI(), exception.toString());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return answer(HttpStatus.BAD_REQUEST, "cowin.error.try-again", null, headers, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<CowinError> other(Exception exception, HttpServletRequest request) {
        if (DisconnectedClientHelper.isClientDisconnectedException(exception)) {
            // the caller hung up (a client's timeout under load): nobody to answer, and a stack trace per
            // hang-up would cost the CPU an overloaded node needs most
            log.debug("CoWIN request {}: the client went away ({})", request.getRequestURI(), exception.toString());
            return null;
        }
        if (exception instanceof ErrorResponse error && error.getStatusCode().is4xxClientError()) {
            return answer(error.getStatusCode(), codeFor(error.getStatusCode()), null, new HttpHeaders(), request);
        }
        log.error("CoWIN request {} failed", request.getRequestURI(), exception);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "request.error.server", null, new HttpHeaders(), request);
    }

    private ResponseEntity<CowinError> answer(HttpStatusCode status, String code, Object[] arguments, HttpHeaders headers,
                                              HttpServletRequest request) {
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .body(body(code, arguments, CowinLanguage.of(request), messages));
    }

    static CowinError body(String code, Object[] arguments, Locale language, MessageSource messages) {
        return new CowinError(CowinError.errorCode(code), messages.getMessage(code, arguments, code, language));
    }

    private static String codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> "request.error.not-found";
            case 405 -> "request.error.method-not-allowed";
            case 406, 415 -> "request.error.media-type";
            case 413 -> "request.error.too-large";
            default -> "request.error.bad";
        };
    }
}
