package org.teeka.cowin;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.teeka.booking.Appointment;
import org.teeka.booking.BookingRefusedException;
import org.teeka.booking.Bookings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * CoWIN appointment ids over Teeka's appointments. In CoWIN one appointment may cover several
 * family members booked in one call, and keeps its id when rescheduled; in Teeka an appointment is
 * one person's, and a reschedule ends it and makes a new one. So a CoWIN id names a group: the
 * Teeka appointments booked or rescheduled under it ({@code cowin_appointments}). The id of the
 * group's first appointment is the group's id, so a one-person booking never rescheduled has the
 * same id in both. An appointment made elsewhere in Teeka answers to its own id.
 */
@Service
class CowinAppointments {

    private final JdbcClient jdbc;
    private final Bookings bookings;

    CowinAppointments(JdbcClient jdbc, Bookings bookings) {
        this.jdbc = jdbc;
        this.bookings = bookings;
    }

    /** A CoWIN appointment: its id and its Teeka appointments, oldest first. */
    record Group(UUID id, List<Appointment> members) {

        List<Appointment> active() {
            return members.stream().filter(a -> a.status() == Appointment.Status.BOOKED).toList();
        }
    }

    /** Puts appointments booked in one call under one CoWIN id, in the caller's transaction; an earlier call's id when repeated. */
    @Transactional(propagation = Propagation.MANDATORY)
    UUID group(List<Appointment> appointments) {
        UUID first = appointments.getFirst().id();
        var earlier = jdbc.sql("select cowin_id from cowin_appointments where appointment_id = ?").param(first)
                .query(UUID.class).optional();
        UUID id = earlier.orElse(first);
        appointments.forEach(a -> add(id, a.id()));
        return id;
    }

    /** Records that an appointment now answers to a CoWIN id, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void add(UUID cowinId, UUID appointmentId) {
        jdbc.sql("insert into cowin_appointments (appointment_id, cowin_id) values (?, ?) on conflict (appointment_id) do nothing")
                .params(appointmentId, cowinId).update();
    }

    /** The CoWIN id an appointment answers to. */
    UUID idOf(UUID appointmentId) {
        return jdbc.sql("select cowin_id from cowin_appointments where appointment_id = ?").param(appointmentId)
                .query(UUID.class).optional().orElse(appointmentId);
    }

    /**
     * The CoWIN appointment of the mobile's family with this id (or with a member of this id).
     * Another family's, or none: "not found".
     */
    Group of(String appointmentId, String mobile) {
        UUID asked = parse(appointmentId);
        UUID id = jdbc.sql("select cowin_id from cowin_appointments where cowin_id = ? or appointment_id = ? limit 1")
                .params(asked, asked).query(UUID.class).optional().orElse(asked);
        List<UUID> ids = jdbc.sql("select appointment_id from cowin_appointments where cowin_id = ? order by created_at, appointment_id")
                .param(id).query(UUID.class).list();
        var members = new ArrayList<Appointment>();
        for (UUID member : ids.isEmpty() ? List.of(id) : ids) {
            try {
                members.add(bookings.get(member, mobile));
            } catch (BookingRefusedException notTheirs) {
                // an appointment of another family, or none: not part of what this caller may see
            }
        }
        if (members.isEmpty()) {
            throw new CowinRefusedException(HttpStatus.NOT_FOUND, "booking.error.appointment-unknown");
        }
        return new Group(id, List.copyOf(members));
    }

    /** An appointment id as CoWIN clients send it: a UUID, or its 32 hex digits without dashes (Teeka's confirmation number). */
    static UUID parse(String text) {
        if (text != null) {
            String value = text.strip();
            if (value.matches("(?i)[0-9a-f]{32}")) {
                value = (value.substring(0, 8) + "-" + value.substring(8, 12) + "-" + value.substring(12, 16) + "-"
                        + value.substring(16, 20) + "-" + value.substring(20)).toLowerCase(Locale.ROOT);
            }
            try {
                return UUID.fromString(value);
            } catch (IllegalArgumentException invalid) {
                // answered below
            }
        }
        throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.parameter-invalid", "appointment_id");
    }
}
