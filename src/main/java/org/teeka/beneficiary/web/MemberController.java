package org.teeka.beneficiary.web;

import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.teeka.account.CitizenPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.BirthYear;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.InvalidValueException;
import org.teeka.beneficiary.NewBeneficiary;
import org.teeka.beneficiary.PhotoId;
import org.teeka.beneficiary.PhotoIdType;
import org.teeka.geo.District;
import org.teeka.geo.Geography;
import org.teeka.platform.TeekaException;

import java.time.Clock;
import java.time.Year;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A citizen adds a family member. Every field's problem is shown beside it at once: the form's
 * checks, then the value objects' own (year of birth, ID number), then what only the registration
 * can tell (the PIN code's district, an ID already registered, a fifth member).
 */
@Controller
class MemberController {

    /** Which field a registration error belongs beside; codes not listed go to the form's summary. */
    private static final Map<String, String> FIELD_OF_ERROR;

    static {
        var fields = new HashMap<String, String>();
        for (PhotoIdType type : PhotoIdType.values()) {
            fields.put(type.errorCode(), "idNumber");
        }
        fields.put("beneficiary.error.aadhaar-checksum", "idNumber");
        fields.put("beneficiary.error.id-taken", "idNumber");
        fields.put("beneficiary.error.photo-id-type-required", "idType");
        fields.put("beneficiary.error.birth-year-range", "birthYear");
        fields.put("beneficiary.error.district-unknown", "districtId");
        fields.put("beneficiary.error.pincode-elsewhere", "pincode");
        FIELD_OF_ERROR = Map.copyOf(fields);
    }

    /** The label of each field, in the form's order, for the error summary. */
    private static final Map<String, String> FIELD_LABELS = labels(
            "name", "member.field.name", "birthYear", "member.field.birth-year", "gender", "member.field.gender",
            "idType", "member.field.id-type", "idNumber", "member.field.id-number", "districtId", "citizen.field.district",
            "pincode", "citizen.field.pincode");

    private final Beneficiaries beneficiaries;
    private final Geography geography;
    private final Clock clock;

    MemberController(Beneficiaries beneficiaries, Geography geography, Clock clock) {
        this.beneficiaries = beneficiaries;
        this.geography = geography;
        this.clock = clock;
    }

    @GetMapping("/citizen/members/new")
    String newMember(@AuthenticationPrincipal CitizenPrincipal citizen, Model model) {
        List<Beneficiary> family = beneficiaries.family(citizen.mobile());
        // most families live together: the first member's district and PIN code are a good guess
        NewBeneficiary blank = family.isEmpty()
                ? new NewBeneficiary(null, null, null, null, null, null, null)
                : new NewBeneficiary(null, null, null, null, null, family.getFirst().districtId(), family.getFirst().pincode());
        model.addAttribute("member", blank);
        return form(family.size(), stateOf(blank.districtId(), null), blank.districtId(), model);
    }

    @PostMapping("/citizen/members/new")
    String register(@Valid @ModelAttribute("member") NewBeneficiary member, BindingResult errors,
                    @RequestParam(required = false) Integer stateId, @RequestParam(required = false) String refresh,
                    @AuthenticationPrincipal CitizenPrincipal citizen, WebRequest request, Locale locale, Model model,
                    RedirectAttributes redirect) {
        int familySize = beneficiaries.family(citizen.mobile()).size();
        // the member is null when a field did not convert (letters in a number); the fields are then read as typed
        Integer districtId = member != null ? member.districtId() : parse(request.getParameter("districtId"));
        Integer state = stateOf(districtId, stateId);
        if (refresh != null) {
            // without JavaScript, "show the districts" posts the form to get the chosen state's districts: no errors yet
            if (member != null) {
                model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "member", new BeanPropertyBindingResult(member, "member"));
            }
            return form(familySize, state, districtId, model);
        }
        checkValues(request, stateId, districtId, errors);
        if (errors.hasErrors()) {
            return form(familySize, state, districtId, model);
        }
        try {
            Beneficiary registered = beneficiaries.register(citizen.mobile(), member, locale);
            redirect.addFlashAttribute("notice", "beneficiary.notice.registered");
            redirect.addFlashAttribute("registered", registered.id());
            return "redirect:/citizen";
        } catch (Beneficiaries.RegistrationRefusedException | InvalidValueException refused) {
            reject(errors, request, refused);
            return form(familySize, state, districtId, model);
        }
    }

    /** The {@code <option>}s of a state's districts, for the district select when the state changes (htmx). */
    @GetMapping("/citizen/districts")
    String districtOptions(@RequestParam(required = false) Integer stateId, Model model) {
        model.addAttribute("districts", stateId == null ? List.of() : geography.districtsOf(stateId));
        model.addAttribute("selectedDistrict", null);
        return "beneficiary/districts :: options";
    }

    /**
     * The checks the value objects make, run here too so that every field's problem shows at once, even
     * when another field did not convert. They read the fields as typed.
     */
    private void checkValues(WebRequest request, Integer stateId, Integer districtId, BindingResult errors) {
        Integer birthYear = parse(request.getParameter("birthYear"));
        if (birthYear != null && !errors.hasFieldErrors("birthYear")) {
            try {
                BirthYear.of(birthYear, Year.now(clock));
            } catch (InvalidValueException invalid) {
                reject(errors, request, invalid);
            }
        }
        PhotoIdType idType = idType(request.getParameter("idType"));
        String idNumber = request.getParameter("idNumber");
        if (idType != null && idNumber != null && !idNumber.isBlank() && !errors.hasFieldErrors("idNumber")) {
            try {
                PhotoId.of(idType, idNumber);
            } catch (InvalidValueException invalid) {
                reject(errors, request, invalid);
            }
        }
        // a district left over from another state (the state changed without JavaScript) is not a choice
        if (stateId != null && districtId != null && !errors.hasFieldErrors("districtId")
                && geography.district(districtId).map(District::stateId).filter(stateId::equals).isEmpty()) {
            reject(errors, request, "districtId", "beneficiary.error.district-unknown");
        }
    }

    private static void reject(BindingResult errors, WebRequest request, TeekaException refused) {
        String field = FIELD_OF_ERROR.get(refused.code());
        if (field != null) {
            reject(errors, request, field, refused.code(), refused.arguments());
        } else {
            errors.reject(refused.code(), refused.arguments(), refused.code());
        }
    }

    /**
     * Rejects the field's value. When a field did not convert there is no object to read values from:
     * the error then holds the value as typed, like a conversion error.
     */
    private static void reject(BindingResult errors, WebRequest request, String field, String code, Object... arguments) {
        if (errors.getTarget() != null) {
            errors.rejectValue(field, code, arguments, code);
        } else {
            errors.addError(new FieldError(errors.getObjectName(), field, request.getParameter(field), true,
                    new String[] {code}, arguments, code));
        }
    }

    private static PhotoIdType idType(String name) {
        try {
            return name == null || name.isBlank() ? null : PhotoIdType.valueOf(name.strip());
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private Integer stateOf(Integer districtId, Integer stateId) {
        if (stateId != null && geography.state(stateId).isPresent()) {
            return stateId;
        }
        return districtId == null ? null : geography.district(districtId).map(District::stateId).orElse(null);
    }

    private static Map<String, String> labels(String... fieldsAndKeys) {
        var labels = new java.util.LinkedHashMap<String, String>();
        for (int i = 0; i < fieldsAndKeys.length; i += 2) {
            labels.put(fieldsAndKeys[i], fieldsAndKeys[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(labels);
    }

    private static Integer parse(String number) {
        try {
            return number == null ? null : Integer.valueOf(number.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private String form(int familySize, Integer stateId, Integer districtId, Model model) {
        model.addAttribute("fieldLabels", FIELD_LABELS);
        model.addAttribute("full", familySize >= Beneficiaries.MAX_PER_MOBILE);
        model.addAttribute("maxMembers", Beneficiaries.MAX_PER_MOBILE);
        model.addAttribute("states", geography.states());
        model.addAttribute("selectedState", stateId);
        model.addAttribute("districts", stateId == null ? List.of() : geography.districtsOf(stateId));
        model.addAttribute("selectedDistrict", districtId);
        model.addAttribute("genders", Gender.values());
        model.addAttribute("idTypes", PhotoIdType.values());
        return "beneficiary/member-form";
    }
}
