package org.teeka.notification;

/** A gateway could not confirm that it took a message; {@link #outcome()} says what is known. */
public class SmsNotSentException extends Exception {

    /** What became of a message a gateway did not confirm. */
    public enum Outcome {
        /** It never left Teeka (no session, or the link broke before it was written): try again, it does not count as an attempt. */
        NOT_SENT,
        /** The operator answered with an error: it counts as an attempt. */
        REJECTED,
        /** No answer came (timeout, link lost after sending): it may have arrived, and counts as an attempt. */
        UNCONFIRMED
    }

    private final Outcome outcome;

    public SmsNotSentException(Outcome outcome, String message) {
        super(message);
        this.outcome = outcome;
    }

    public SmsNotSentException(Outcome outcome, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }
}
