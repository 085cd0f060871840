package org.teeka.notification;

/** Which messages go first: a time-critical OTP overtakes a bulk reminder. */
public enum Priority {
    TIME_CRITICAL(0),
    TRANSACTIONAL(5),
    BULK(9);

    private final int rank;

    Priority(int rank) {
        this.rank = rank;
    }

    int rank() {
        return rank;
    }
}
