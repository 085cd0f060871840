package org.teeka.platform;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A failure the user can understand and act on. Its {@link #code()} is both the stable error code
 * of the API's problem details and the message key of the text the user reads, in their language.
 */
public abstract class TeekaException extends ErrorResponseException {

    private final String code;
    private final transient Object[] arguments;

    protected TeekaException(HttpStatus status, String code, Object... arguments) {
        super(status, ProblemDetail.forStatus(status), null, code, arguments);
        this.code = code;
        this.arguments = arguments.clone();
        getBody().setProperty("code", code);
    }

    public String code() {
        return code;
    }

    public Object[] arguments() {
        return arguments.clone();
    }

    @Override
    public String getMessage() {
        return code + " " + java.util.Arrays.toString(arguments);
    }
}
