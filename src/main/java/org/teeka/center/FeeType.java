package org.teeka.center;

/** Whether vaccination at a center is free or paid. */
public enum FeeType {
    FREE,
    PAID
}
