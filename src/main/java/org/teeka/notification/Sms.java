package org.teeka.notification;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An SMS to enqueue.
 *
 * @param mobile ten digits
 * @param template message key of the template, {@code sms.<name>}
 * @param arguments the template's arguments, in order
 * @param dedupeKey one event, one message: enqueuing the same key again changes nothing
 * @param notBefore when the message is due, or null for at once; a later time keeps it SCHEDULED until then
 */
public record Sms(String mobile, String template, Locale language, List<Object> arguments, String dedupeKey, Priority priority,
                  Instant notBefore) {

    /** A message due at once. */
    public Sms(String mobile, String template, Locale language, List<Object> arguments, String dedupeKey, Priority priority) {
        this(mobile, template, language, arguments, dedupeKey, priority, null);
    }

    public Sms {
        if (mobile == null || !mobile.matches("[6-9][0-9]{9}")) {
            throw new IllegalArgumentException("mobile must be ten digits starting with 6 to 9");
        }
        if (template == null || !template.startsWith("sms.")) {
            throw new IllegalArgumentException("template must be a message key starting with sms.");
        }
        if (dedupeKey == null || dedupeKey.isBlank()) {
            throw new IllegalArgumentException("dedupeKey is required");
        }
        arguments = List.copyOf(arguments);
    }

    /** This message, due at {@code time} instead. */
    public Sms dueAt(Instant time) {
        return new Sms(mobile, template, language, arguments, dedupeKey, priority, time);
    }
}
