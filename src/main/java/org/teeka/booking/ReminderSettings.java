package org.teeka.booking;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When the day-before reminder of an appointment is sent ({@code teeka.reminders}).
 *
 * @param at local time of the day before the appointment; 09:00 when not set
 * @param zone the zone of that time; Asia/Kolkata when not set
 */
@ConfigurationProperties("teeka.reminders")
public record ReminderSettings(LocalTime at, ZoneId zone) {

    public ReminderSettings {
        if (at == null) {
            at = LocalTime.of(9, 0);
        }
        if (zone == null) {
            zone = ZoneId.of("Asia/Kolkata");
        }
    }

    /** When the reminder of an appointment on {@code sessionDate} is due; empty when that time is not after {@code now}. */
    public Optional<Instant> dueFor(LocalDate sessionDate, Instant now) {
        Instant due = sessionDate.minusDays(1).atTime(at).atZone(zone).toInstant();
        return due.isAfter(now) ? Optional.of(due) : Optional.empty();
    }
}
