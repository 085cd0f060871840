package org.teeka.cowin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.teeka.account.CitizenPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.booking.Appointment;
import org.teeka.booking.AppointmentSlip;
import org.teeka.booking.AppointmentSlipPdf;
import org.teeka.booking.Bookings;
import org.teeka.session.Session;
import org.teeka.session.Sessions;
import org.teeka.session.Slot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Booking through Teeka's booking engine: schedule one or more family members into a session's
 * slot (all or none), reschedule, cancel, and the slip as a PDF. A CoWIN appointment id stays the
 * same across reschedules ({@link CowinAppointments}). An optional {@code Idempotency-Key} header
 * makes a retried schedule or reschedule return its first answer.
 */
@CowinApi
@Tag(name = "Appointments")
class AppointmentApi {

    private static final int MAX_BENEFICIARIES = 4;
    private static final String IDEMPOTENCY_HELP = "optional; a retry with the same key returns the first answer";

    private final Bookings bookings;
    private final Beneficiaries beneficiaries;
    private final Sessions sessions;
    private final CowinAppointments appointments;
    private final Captchas captchas;
    private final AppointmentSlipPdf slipPdf;
    private final TransactionTemplate transaction;

    AppointmentApi(Bookings bookings, Beneficiaries beneficiaries, Sessions sessions, CowinAppointments appointments,
                   Captchas captchas, AppointmentSlipPdf slipPdf, TransactionTemplate transaction) {
        this.bookings = bookings;
        this.beneficiaries = beneficiaries;
        this.sessions = sessions;
        this.appointments = appointments;
        this.captchas = captchas;
        this.slipPdf = slipPdf;
        this.transaction = transaction;
    }

    @PostMapping("/api/v2/auth/getRecaptcha")
    @Operation(summary = "A captcha as SVG; its answer is needed to book only when captchas are switched on")
    Captcha captcha(@AuthenticationPrincipal CitizenPrincipal citizen) {
        return new Captcha(captchas.issue(citizen.mobile()));
    }

    @PostMapping("/api/v2/appointment/schedule")
    @Operation(summary = "Book family members into a session's slot for a dose, all or none; 409 APPOIN0040 when the "
            + "session has no place left for that dose")
    Scheduled schedule(@RequestBody ScheduleRequest body,
                       @Parameter(description = IDEMPOTENCY_HELP) @RequestHeader(value = "Idempotency-Key", required = false) String key,
                       @AuthenticationPrincipal CitizenPrincipal citizen, HttpServletRequest request) {
        if (body == null) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "request.error.unreadable");
        }
        int dose = dose(body.dose());
        List<String> references = references(body.beneficiaries());
        Session session = session(body.sessionId());
        if (body.centerId() != null && body.centerId() != session.centerId()) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.center-mismatch");
        }
        int slot = slotNumber(session, body.slot());
        captchas.check(citizen.mobile(), body.captcha());
        Locale language = CowinLanguage.of(request);
        var people = new ArrayList<Beneficiary>();
        var keys = new ArrayList<String>();
        for (String reference : references) {
            people.add(beneficiaries.byReference(reference, citizen.mobile()));
            keys.add(key == null || key.isBlank() ? null : key + ":" + reference);
        }
        // all or none, and the CoWIN id in the same transaction as the bookings (booked with others at that moment); one
        // person booked alone answers to their appointment's own id without a row (CowinAppointments), so only a family is
        // grouped, and a batch of single bookings writes nothing per booking here
        UUID id = bookings.bookTogether(citizen.mobile(), people, session.id(), slot, dose, keys, Appointment.Source.API, language,
                booked -> booked.size() == 1 ? booked.getFirst().id() : appointments.group(booked));
        return new Scheduled(id.toString(), id.toString());
    }

    @PostMapping("/api/v2/appointment/reschedule")
    @Operation(summary = "Move an appointment (every family member on it) to another session and slot, all or none; 204. "
            + "The appointment keeps its id")
    ResponseEntity<Void> reschedule(@RequestBody RescheduleRequest body,
                                    @Parameter(description = IDEMPOTENCY_HELP) @RequestHeader(value = "Idempotency-Key", required = false) String key,
                                    @AuthenticationPrincipal CitizenPrincipal citizen, HttpServletRequest request) {
        if (body == null) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "request.error.unreadable");
        }
        var group = appointments.of(body.appointmentId(), citizen.mobile());
        List<Appointment> active = active(group);
        Session session = session(body.sessionId());
        int slot = slotNumber(session, body.slot());
        captchas.check(citizen.mobile(), body.captcha());
        Locale language = CowinLanguage.of(request);
        transaction.executeWithoutResult(status -> {
            for (Appointment old : active) {
                Appointment moved = bookings.reschedule(citizen.mobile(), old.id(), session.id(), slot,
                        key == null || key.isBlank() ? null : key + ":" + old.id(), language);
                appointments.add(group.id(), old.id());
                appointments.add(group.id(), moved.id());
            }
        });
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v2/appointment/cancel")
    @Operation(summary = "Cancel an appointment for the family members named (all on it when none are named); 204, "
            + "409 when nothing of it can be cancelled")
    ResponseEntity<Void> cancel(@RequestBody CancelRequest body, @AuthenticationPrincipal CitizenPrincipal citizen,
                                HttpServletRequest request) {
        if (body == null) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "request.error.unreadable");
        }
        var group = appointments.of(body.appointmentId(), citizen.mobile());
        Set<String> named = body.beneficiariesToCancel() == null ? Set.of()
                : new LinkedHashSet<>(body.beneficiariesToCancel().stream().map(String::strip).toList());
        List<Appointment> cancelled = active(group).stream()
                .filter(a -> named.isEmpty()
                        || named.contains(beneficiaries.get(a.beneficiaryId(), citizen.mobile()).referenceId()))
                .toList();
        if (cancelled.isEmpty()) {
            throw new CowinRefusedException(HttpStatus.CONFLICT, "booking.error.not-active");
        }
        Locale language = CowinLanguage.of(request);
        transaction.executeWithoutResult(status -> cancelled.forEach(a -> bookings.cancel(citizen.mobile(), a.id(), language)));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v2/appointment/appointmentslip/download")
    @Operation(summary = "The appointment slip as a PDF, in the caller's language",
            responses = @ApiResponse(responseCode = "200", description = "The slip",
                    content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary"))))
    ResponseEntity<byte[]> slip(@RequestParam("appointment_id") String appointmentId,
                                @AuthenticationPrincipal CitizenPrincipal citizen, HttpServletRequest request) {
        Appointment appointment = active(appointments.of(appointmentId, citizen.mobile())).getFirst();
        AppointmentSlip slip = bookings.slip(appointment.id(), citizen.mobile());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("appointment-slip-" + slip.appointment().confirmationNumber() + ".pdf").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(slipPdf.render(slip, CowinLanguage.of(request)));
    }

    private static List<Appointment> active(CowinAppointments.Group group) {
        List<Appointment> active = group.active();
        if (active.isEmpty()) {
            throw new CowinRefusedException(HttpStatus.CONFLICT, "booking.error.not-active");
        }
        return active;
    }

    private Session session(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.parameter-missing", "session_id");
        }
        UUID id;
        try {
            id = UUID.fromString(sessionId.strip());
        } catch (IllegalArgumentException e) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.parameter-invalid", "session_id");
        }
        // as planned (center, slots): the places left are the booking engine's to count
        return sessions.findPlanned(id).orElseThrow(() -> new CowinRefusedException(HttpStatus.NOT_FOUND, "booking.error.session-unknown"));
    }

    /** The number of the session's slot a client names, as "09:00AM-11:00AM" (as listed) or "09:00-11:00". */
    static int slotNumber(Session session, String slot) {
        if (slot == null || slot.isBlank()) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.parameter-missing", "slot");
        }
        String asked = slot.replaceAll("\\s", "");
        for (Slot candidate : session.slots()) {
            if (Availability.slotText(candidate).equalsIgnoreCase(asked)
                    || (candidate.startsAt() + "-" + candidate.endsAt()).equals(asked)) {
                return candidate.number();
            }
        }
        throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "booking.error.slot-unknown");
    }

    private static int dose(Integer dose) {
        if (dose == null) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.parameter-missing", "dose");
        }
        if (dose < 1 || dose > 5) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.parameter-invalid", "dose");
        }
        return dose;
    }

    private static List<String> references(List<String> given) {
        if (given == null || given.isEmpty()) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.parameter-missing", "beneficiaries");
        }
        var references = new LinkedHashSet<String>();
        for (String reference : given) {
            if (reference == null || reference.isBlank()) {
                throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.parameter-invalid", "beneficiaries");
            }
            references.add(reference.strip());
        }
        if (references.size() > MAX_BENEFICIARIES) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.parameter-invalid", "beneficiaries");
        }
        return List.copyOf(references);
    }

    record Captcha(@JsonProperty("captcha") String captcha) {
    }

    record ScheduleRequest(
            @JsonProperty("dose") Integer dose,
            @JsonProperty("session_id") String sessionId,
            @JsonProperty("slot") String slot,
            @JsonProperty("beneficiaries") List<String> beneficiaries,
            @JsonProperty("center_id") Integer centerId,
            @JsonProperty("captcha") String captcha) {
    }

    /** {@code appointment_id} repeats {@code appointment_confirmation_no}: clients read either. */
    record Scheduled(@JsonProperty("appointment_confirmation_no") String appointmentConfirmationNo,
                     @JsonProperty("appointment_id") String appointmentId) {
    }

    record RescheduleRequest(
            @JsonProperty("appointment_id") String appointmentId,
            @JsonProperty("session_id") String sessionId,
            @JsonProperty("slot") String slot,
            @JsonProperty("captcha") String captcha) {
    }

    record CancelRequest(
            @JsonProperty("appointment_id") String appointmentId,
            @JsonProperty("beneficiariesToCancel") List<String> beneficiariesToCancel) {
    }
}
