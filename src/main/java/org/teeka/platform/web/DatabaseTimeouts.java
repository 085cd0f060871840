package org.teeka.platform.web;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure is a database limit doing its work: a statement cancelled by
 * {@code statement_timeout} (SQL state 57014), a session ended by
 * {@code idle_in_transaction_session_timeout} (25P03), or no pooled connection within the pool's
 * connection timeout. Such a failure is answered 503 with {@code Retry-After}, never 500.
 */
public final class DatabaseTimeouts {

    /** The problem code of such an answer. */
    public static final String CODE = "request.error.timeout";

    private DatabaseTimeouts() {
    }

    /** Whether the failure, or one of its causes, is a database timeout or no connection in time. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof QueryTimeoutException || t instanceof CannotGetJdbcConnectionException
                    || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && ("57014".equals(sql.getSQLState()) || "25P03".equals(sql.getSQLState()))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
