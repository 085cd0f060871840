package org.teeka.notification;

import java.util.UUID;

/**
 * A message of the outbox on its way to a gateway.
 *
 * @param id the outbox row's id; every copy of the message sent carries it, so resending after a
 *           lost acknowledgement is recognisably the same message
 * @param mobile ten digits
 * @param template message key of the template, which names its DLT registration
 * @param language {@code en} or {@code hi}
 * @param text the rendered text
 * @param priority 0 time-critical, 5 transactional, 9 bulk
 */
public record OutgoingSms(UUID id, String mobile, String template, String language, String text, int priority) {
}
