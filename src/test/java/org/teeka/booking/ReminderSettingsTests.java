package org.teeka.booking;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class ReminderSettingsTests {

    private final ReminderSettings defaults = new ReminderSettings(null, null);

    @Test
    void isDueAtNineInTheMorningIndianTimeTheDayBefore() {
        assertThat(defaults.dueFor(LocalDate.of(2026, 11, 25), Instant.parse("2026-11-22T10:00:00Z")))
                .contains(Instant.parse("2026-11-24T03:30:00Z"));
    }

    @Test
    void isNotSentWhenThatTimeHasPassed() {
        assertThat(defaults.dueFor(LocalDate.of(2026, 11, 23), Instant.parse("2026-11-22T03:30:00Z"))).isEmpty();
        assertThat(defaults.dueFor(LocalDate.of(2026, 11, 23), Instant.parse("2026-11-22T03:29:59Z")))
                .contains(Instant.parse("2026-11-22T03:30:00Z"));
    }

    @Test
    void takesItsTimeAndZoneFromTheSettings() {
        var evening = new ReminderSettings(LocalTime.of(18, 30), ZoneId.of("UTC"));
        assertThat(evening.dueFor(LocalDate.of(2026, 11, 25), Instant.parse("2026-11-22T10:00:00Z")))
                .contains(Instant.parse("2026-11-24T18:30:00Z"));
    }
}
