package org.teeka.cowin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.context.MessageSource;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.teeka.account.CitizenPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.NewBeneficiary;
import org.teeka.beneficiary.PhotoIdType;
import org.teeka.booking.AppointmentSlip;
import org.teeka.booking.Bookings;
import org.teeka.certificate.Certificate;
import org.teeka.certificate.CertificatePdf;
import org.teeka.certificate.Certificates;
import org.teeka.geo.District;
import org.teeka.geo.Geography;
import org.teeka.geo.State;
import org.teeka.vaccination.DoseRecord;
import org.teeka.vaccination.DoseRecords;
import org.teeka.vaccine.Vaccine;
import org.teeka.vaccine.VaccineCatalog;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The signed-in mobile's family: list it (with each person's doses and active appointments),
 * register someone, remove someone nothing has happened to yet. Registration goes through
 * Teeka's own rules (four per mobile, one person per ID number, ID formats, birth year).
 */
@CowinApi
@Tag(name = "Beneficiaries")
class BeneficiaryApi {

    /** Teeka's field names of a new beneficiary, as a CoWIN client names them. */
    private static final Map<String, String> FIELDS = Map.of("name", "name", "birthYear", "birth_year", "gender", "gender_id",
            "idType", "photo_id_type", "idNumber", "photo_id_number", "districtId", "district_id", "pincode", "pincode");

    private final Beneficiaries beneficiaries;
    private final Bookings bookings;
    private final DoseRecords doseRecords;
    private final VaccineCatalog vaccines;
    private final Geography geography;
    private final CowinAppointments appointments;
    private final RegistrationExtras extras;
    private final CowinSettings settings;
    private final TransactionTemplate transaction;
    private final Validator validator;
    private final MessageSource messages;
    private final Certificates certificates;
    private final CertificatePdf certificatePdf;

    BeneficiaryApi(Beneficiaries beneficiaries, Bookings bookings, DoseRecords doseRecords, VaccineCatalog vaccines,
                   Geography geography, CowinAppointments appointments, RegistrationExtras extras, CowinSettings settings,
                   TransactionTemplate transaction, Validator validator, MessageSource messages, Certificates certificates,
                   CertificatePdf certificatePdf) {
        this.beneficiaries = beneficiaries;
        this.bookings = bookings;
        this.doseRecords = doseRecords;
        this.vaccines = vaccines;
        this.geography = geography;
        this.appointments = appointments;
        this.extras = extras;
        this.settings = settings;
        this.transaction = transaction;
        this.validator = validator;
        this.messages = messages;
        this.certificates = certificates;
        this.certificatePdf = certificatePdf;
    }

    @GetMapping("/api/v2/appointment/beneficiaries")
    @Operation(summary = "The family registered under the token's mobile, with doses and active appointments")
    Family beneficiaries(@AuthenticationPrincipal CitizenPrincipal citizen, HttpServletRequest request) {
        Locale language = CowinLanguage.of(request);
        return new Family(beneficiaries.family(citizen.mobile()).stream().map(b -> view(b, citizen.mobile(), language)).toList());
    }

    @PostMapping("/api/v2/registration/beneficiary/new")
    @Operation(summary = "Register a family member. Teeka also takes optional pincode and district_id; without them the "
            + "family's first member's, or the deployment's registration PIN code, is used")
    Reference register(@RequestBody NewBeneficiaryRequest body, @AuthenticationPrincipal CitizenPrincipal citizen,
                       HttpServletRequest request) {
        if (body == null) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "request.error.unreadable");
        }
        boolean comorbidity = yesOrNo(body.comorbidityInd());
        if (body.consentVersion() != null && body.consentVersion().length() > 50) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.parameter-invalid", "consent_version");
        }
        NewBeneficiary details = details(body, citizen.mobile());
        var violations = validator.validate(details);
        if (!violations.isEmpty()) {
            ConstraintViolation<NewBeneficiary> first = violations.stream()
                    .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
            String field = FIELDS.getOrDefault(first.getPropertyPath().toString(), first.getPropertyPath().toString());
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.field-invalid", field, first.getMessage());
        }
        Beneficiary registered = transaction.execute(status -> {
            Beneficiary beneficiary = beneficiaries.register(citizen.mobile(), details, CowinLanguage.of(request));
            extras.keep(beneficiary.id(), comorbidity, body.consentVersion());
            return beneficiary;
        });
        return new Reference(registered.referenceId());
    }

    @PostMapping("/api/v2/registration/beneficiary/delete")
    @Operation(summary = "Remove a family member with no dose and no active appointment; 204")
    ResponseEntity<Void> delete(@RequestBody(required = false) Reference body, @AuthenticationPrincipal CitizenPrincipal citizen) {
        if (body == null || body.beneficiaryReferenceId() == null || body.beneficiaryReferenceId().isBlank()) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.parameter-missing", "beneficiary_reference_id");
        }
        beneficiaries.remove(body.beneficiaryReferenceId().strip(), citizen.mobile());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v2/registration/certificate/public/download")
    @Operation(summary = "The family member's current vaccination certificate as a PDF (the certificate of their latest dose); "
            + "404 cowin.error.certificate-unavailable while none is issued or it was revoked",
            responses = @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The certificate",
                    content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/pdf",
                            schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary"))))
    ResponseEntity<byte[]> certificate(@RequestParam("beneficiary_reference_id") String referenceId,
                                       @AuthenticationPrincipal CitizenPrincipal citizen, HttpServletRequest request) {
        Beneficiary beneficiary = beneficiaries.byReference(referenceId.strip(), citizen.mobile());
        Certificate certificate = certificates.currentOf(beneficiary.id())
                .orElseThrow(() -> new CowinRefusedException(HttpStatus.NOT_FOUND, "cowin.error.certificate-unavailable"));
        String verifyUrl = ServletUriComponentsBuilder.fromContextPath(request).path("/verify").toUriString();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("certificate-" + beneficiary.referenceId() + ".pdf").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(certificatePdf.render(certificate, CowinLanguage.of(request), verifyUrl));
    }

    private NewBeneficiary details(NewBeneficiaryRequest body, String mobile) {
        Integer pincode = body.pincode();
        Integer districtId = body.districtId();
        if (pincode == null) {
            var family = beneficiaries.family(mobile);
            if (!family.isEmpty()) {
                pincode = family.getFirst().pincode();
                districtId = districtId != null ? districtId : family.getFirst().districtId();
            } else {
                pincode = settings.registrationPincode();
            }
        }
        if (pincode == null) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.parameter-missing", "pincode");
        }
        if (districtId == null) {
            districtId = geography.districtOfPinCode(pincode).map(District::id).orElse(null);
        }
        return new NewBeneficiary(body.name(), birthYear(body.birthYear()),
                body.genderId() == null ? null : Gender.ofId(body.genderId()),
                body.photoIdType() == null ? null : PhotoIdType.ofId(body.photoIdType()),
                body.photoIdNumber(), districtId, pincode);
    }

    private static Integer birthYear(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!text.strip().matches("[0-9]{4}")) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.parameter-invalid", "birth_year");
        }
        return Integer.valueOf(text.strip());
    }

    private static boolean yesOrNo(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("N")) {
            return false;
        }
        if (text.strip().equalsIgnoreCase("Y")) {
            return true;
        }
        throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.parameter-invalid", "comorbidity_ind");
    }

    private BeneficiaryView view(Beneficiary beneficiary, String mobile, Locale language) {
        List<DoseRecord> doses = doseRecords.of(beneficiary.id());
        Optional<DoseRecord> first = doses.stream().filter(d -> d.dose() == 1).findFirst();
        Optional<DoseRecord> second = doses.stream().filter(d -> d.dose() == 2).findFirst();
        Optional<Vaccine> vaccine = first.flatMap(d -> vaccines.find(d.vaccineCode()));
        String status = doses.isEmpty() ? "Not Vaccinated"
                : vaccine.map(v -> doses.size() >= v.doses()).orElse(false) ? "Vaccinated" : "Partially Vaccinated";
        String nextDue = status.equals("Partially Vaccinated") && vaccine.map(Vaccine::minIntervalDays).isPresent()
                ? CowinDates.format(doses.getLast().givenOn().plusDays(vaccine.get().minIntervalDays())) : null;
        return new BeneficiaryView(beneficiary.referenceId(), beneficiary.name(), String.valueOf(beneficiary.birthYear()),
                messages.getMessage(beneficiary.gender().messageKey(), null, language), beneficiary.mobile().substring(6),
                messages.getMessage(beneficiary.idType().messageKey(), null, language), beneficiary.maskedId(),
                extras.comorbidity(beneficiary.id()).orElse(""), status, first.map(DoseRecord::vaccineCode).orElse(""),
                first.map(d -> CowinDates.format(d.givenOn())).orElse(""), second.map(d -> CowinDates.format(d.givenOn())).orElse(""),
                nextDue,
                bookings.activeOf(beneficiary.id()).stream().map(a -> appointment(bookings.slip(a.id(), mobile))).toList());
    }

    private AppointmentView appointment(AppointmentSlip slip) {
        var center = slip.center();
        return new AppointmentView(appointments.idOf(slip.appointment().id()).toString(), center.id(), center.name(),
                geography.state(center.stateId()).map(State::name).orElse(""),
                geography.district(center.districtId()).map(District::name).orElse(""), center.blockName(),
                CowinDates.time(center.opensAt()), CowinDates.time(center.closesAt()), slip.appointment().dose(),
                slip.session().id().toString(), CowinDates.format(slip.session().date()), Availability.slotText(slip.slot()));
    }

    record Family(@JsonProperty("beneficiaries") List<BeneficiaryView> beneficiaries) {
    }

    /** A family member. {@code mobile_number} is the last four digits; the photo ID number is masked. */
    record BeneficiaryView(
            @JsonProperty("beneficiary_reference_id") String beneficiaryReferenceId,
            @JsonProperty("name") String name,
            @JsonProperty("birth_year") String birthYear,
            @JsonProperty("gender") String gender,
            @JsonProperty("mobile_number") String mobileNumber,
            @JsonProperty("photo_id_type") String photoIdType,
            @JsonProperty("photo_id_number") String photoIdNumber,
            @JsonProperty("comorbidity_ind") String comorbidityInd,
            @JsonProperty("vaccination_status") String vaccinationStatus,
            @JsonProperty("vaccine") String vaccine,
            @JsonProperty("dose1_date") String dose1Date,
            @JsonProperty("dose2_date") String dose2Date,
            @JsonProperty("dose2_due_date") String dose2DueDate,
            @JsonProperty("appointments") List<AppointmentView> appointments) {
    }

    record AppointmentView(
            @JsonProperty("appointment_id") String appointmentId,
            @JsonProperty("center_id") int centerId,
            @JsonProperty("name") String name,
            @JsonProperty("state_name") String stateName,
            @JsonProperty("district_name") String districtName,
            @JsonProperty("block_name") String blockName,
            @JsonProperty("from") String from,
            @JsonProperty("to") String to,
            @JsonProperty("dose") int dose,
            @JsonProperty("session_id") String sessionId,
            @JsonProperty("date") String date,
            @JsonProperty("slot") String slot) {
    }

    record NewBeneficiaryRequest(
            @JsonProperty("name") String name,
            @JsonProperty("birth_year") String birthYear,
            @JsonProperty("gender_id") Integer genderId,
            @JsonProperty("photo_id_type") Integer photoIdType,
            @JsonProperty("photo_id_number") String photoIdNumber,
            @JsonProperty("comorbidity_ind") String comorbidityInd,
            @JsonProperty("consent_version") String consentVersion,
            @JsonProperty("district_id") Integer districtId,
            @JsonProperty("pincode") Integer pincode) {
    }

    record Reference(@JsonProperty("beneficiary_reference_id") String beneficiaryReferenceId) {
    }
}
