package org.teeka.notification;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * An SMS to enqueue.
 *
 * @param mobile ten digits
 * @param template message key of the template, {@code sms.<name>}
 * @param arguments the template's arguments, in order
 * @param dedupeKey one event, one message: enqueuing the same key again changes nothing
 * @param notBefore when the message is due, or null for at once; a later time keeps it SCHEDULED until then
 * @param context what the message is about, for staff reports; {@link Context#NONE} when unknown
 */
public record Sms(String mobile, String template, Locale language, List<Object> arguments, String dedupeKey, Priority priority,
                  Instant notBefore, Context context) {

    /**
     * What a message is about, so staff can see it by district and find the people of a center's
     * day whose appointment SMS failed. Every field may be null (an OTP is about no district).
     */
    public record Context(Integer districtId, Integer centerId, UUID appointmentId) {

        public static final Context NONE = new Context(null, null, null);
    }

    /** A message due at once. */
    public Sms(String mobile, String template, Locale language, List<Object> arguments, String dedupeKey, Priority priority) {
        this(mobile, template, language, arguments, dedupeKey, priority, null, Context.NONE);
    }

    public Sms(String mobile, String template, Locale language, List<Object> arguments, String dedupeKey, Priority priority,
               Instant notBefore) {
        this(mobile, template, language, arguments, dedupeKey, priority, notBefore, Context.NONE);
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
        context = context == null ? Context.NONE : context;
    }

    /** This message, due at {@code time} instead. */
    public Sms dueAt(Instant time) {
        return new Sms(mobile, template, language, arguments, dedupeKey, priority, time, context);
    }

    /** This message, about a district (and optionally a center and an appointment); any may be null. */
    public Sms about(Integer districtId, Integer centerId, UUID appointmentId) {
        return new Sms(mobile, template, language, arguments, dedupeKey, priority, notBefore,
                new Context(districtId, centerId, appointmentId));
    }
}
