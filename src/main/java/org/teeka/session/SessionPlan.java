package org.teeka.session;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Sessions to create in bulk at one center: on the chosen days of the week between two dates,
 * with the same vaccine, age band, capacity per dose and time slots each day.
 * For example every weekday for four weeks, 100 first doses, slots of two hours from 09:00 to 17:00.
 */
public record SessionPlan(
        @NotBlank String vaccineCode,
        @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate fromDate,
        @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate toDate,
        @NotEmpty Set<DayOfWeek> days,
        @NotNull @Min(0) @Max(120) Integer minAge,
        @Min(0) @Max(120) Integer maxAge,
        @NotNull @Min(0) @Max(5000) Integer dose1Capacity,
        @NotNull @Min(0) @Max(5000) Integer dose2Capacity,
        @NotNull @DateTimeFormat(pattern = "HH:mm") LocalTime startTime,
        @NotNull @DateTimeFormat(pattern = "HH:mm") LocalTime endTime,
        @NotNull @Min(15) @Max(720) Integer slotMinutes) {

    static final int MAX_DAYS = 92;

    public static SessionPlan everyWeekday(String vaccineCode, LocalDate from, int weeks, int minAge, Integer maxAge,
                                           int dose1Capacity, int dose2Capacity, LocalTime start, LocalTime end, int slotMinutes) {
        return new SessionPlan(vaccineCode, from, from.plusWeeks(weeks).minusDays(1),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), minAge, maxAge, dose1Capacity, dose2Capacity,
                start, end, slotMinutes);
    }

    @AssertTrue(message = "{session.error.date-order}")
    public boolean isDateRangeInOrder() {
        return fromDate == null || toDate == null || !toDate.isBefore(fromDate);
    }

    @AssertTrue(message = "{session.error.date-range-too-long}")
    public boolean isDateRangeShortEnough() {
        return fromDate == null || toDate == null || ChronoUnit.DAYS.between(fromDate, toDate) < MAX_DAYS;
    }

    @AssertTrue(message = "{session.error.age-order}")
    public boolean isAgeBandInOrder() {
        return minAge == null || maxAge == null || maxAge >= minAge;
    }

    @AssertTrue(message = "{session.error.no-capacity}")
    public boolean isSomeCapacityGiven() {
        return dose1Capacity == null || dose2Capacity == null || dose1Capacity + dose2Capacity > 0;
    }

    @AssertTrue(message = "{session.error.no-slot}")
    public boolean isOneSlotAtLeast() {
        return startTime == null || endTime == null || slotMinutes == null || !slotTimes().isEmpty();
    }

    /** The dates the plan covers, in order. */
    public List<LocalDate> dates() {
        return fromDate.datesUntil(toDate.plusDays(1)).filter(d -> days.contains(d.getDayOfWeek())).toList();
    }

    /** Start and end of each slot: consecutive slots of {@code slotMinutes} from the start time, the last ending by the end time. */
    public List<LocalTime[]> slotTimes() {
        var slots = new ArrayList<LocalTime[]>();
        LocalTime start = startTime;
        while (!start.plusMinutes(slotMinutes).isAfter(endTime) && start.plusMinutes(slotMinutes).isAfter(start)) {
            slots.add(new LocalTime[] {start, start.plusMinutes(slotMinutes)});
            start = start.plusMinutes(slotMinutes);
        }
        return slots;
    }

    /** The places of each slot: the day's places shared out evenly, the earlier slots taking any remainder. */
    public int[] slotCapacities() {
        int slots = slotTimes().size();
        int total = dose1Capacity + dose2Capacity;
        int[] capacities = new int[slots];
        for (int i = 0; i < slots; i++) {
            capacities[i] = total / slots + (i < total % slots ? 1 : 0);
        }
        return capacities;
    }
}
