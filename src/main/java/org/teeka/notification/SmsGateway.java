package org.teeka.notification;

/**
 * The way out to the operators: one implementation per technology ({@link SmppSmsGateway}, an
 * HTTP gateway later). {@link #send} is called from many threads at once; the gateway bounds how
 * many messages are outstanding and how fast they go, so a caller may block.
 */
public interface SmsGateway {

    /** Whether a message handed over now has a chance to leave (for SMPP: a session is bound). */
    boolean ready();

    /**
     * Whether the gateway takes only a few trial messages now (after an outage, before it trusts
     * the link again): the caller hands them over one at a time, most urgent first, instead of a
     * batch that would race for the few places.
     */
    default boolean probing() {
        return false;
    }

    /**
     * Hands one message to the operator and returns the operator's id for it, which its delivery
     * receipt will name. Throws {@link SmsNotSentException} saying whether the message may have
     * left anyway.
     */
    String send(OutgoingSms sms) throws SmsNotSentException;
}
