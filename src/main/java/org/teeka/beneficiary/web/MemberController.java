package org.teeka.beneficiary.web;

import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
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
                    @RequestParam(name = "districtId", required = false) String districtParameter,
                    @AuthenticationPrincipal CitizenPrincipal citizen, Locale locale, Model model, RedirectAttributes redirect) {
        int familySize = beneficiaries.family(citizen.mobile()).size();
        // the member is null when a field did not convert (letters in a number); the district is then read as typed
        Integer districtId = member != null ? member.districtId() : parse(districtParameter);
        Integer state = stateOf(districtId, stateId);
        if (refresh != null) {
            // without JavaScript, "show the districts" posts the form to get the chosen state's districts: no errors yet
            if (member != null) {
                model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "member", new BeanPropertyBindingResult(member, "member"));
            }
            return form(familySize, state, districtId, model);
        }
        if (member != null) {
            checkValues(member, stateId, errors);
        }
        if (errors.hasErrors()) {
            return form(familySize, state, districtId, model);
        }
        try {
            Beneficiary registered = beneficiaries.register(citizen.mobile(), member, locale);
            redirect.addFlashAttribute("notice", "beneficiary.notice.registered");
            redirect.addFlashAttribute("registered", registered.id());
            return "redirect:/citizen";
        } catch (Beneficiaries.RegistrationRefusedException | InvalidValueException refused) {
            reject(errors, refused);
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

    /** The checks the value objects make, run here too so that every field's problem shows at once. */
    private void checkValues(NewBeneficiary member, Integer stateId, BindingResult errors) {
        if (member.birthYear() != null && !errors.hasFieldErrors("birthYear")) {
            try {
                BirthYear.of(member.birthYear(), Year.now(clock));
            } catch (InvalidValueException invalid) {
                reject(errors, invalid);
            }
        }
        if (member.idType() != null && member.idNumber() != null && !errors.hasFieldErrors("idNumber")) {
            try {
                PhotoId.of(member.idType(), member.idNumber());
            } catch (InvalidValueException invalid) {
                reject(errors, invalid);
            }
        }
        // a district left over from another state (the state changed without JavaScript) is not a choice
        if (stateId != null && member.districtId() != null && !errors.hasFieldErrors("districtId")
                && geography.district(member.districtId()).map(District::stateId).filter(stateId::equals).isEmpty()) {
            errors.rejectValue("districtId", "beneficiary.error.district-unknown", "beneficiary.error.district-unknown");
        }
    }

    private static void reject(BindingResult errors, TeekaException refused) {
        String field = FIELD_OF_ERROR.get(refused.code());
        if (field != null) {
            errors.rejectValue(field, refused.code(), refused.arguments(), refused.code());
        } else {
            errors.reject(refused.code(), refused.arguments(), refused.code());
        }
    }

    private Integer stateOf(Integer districtId, Integer stateId) {
        if (stateId != null && geography.state(stateId).isPresent()) {
            return stateId;
        }
        return districtId == null ? null : geography.district(districtId).map(District::stateId).orElse(null);
    }

    private static Integer parse(String number) {
        try {
            return number == null ? null : Integer.valueOf(number.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private String form(int familySize, Integer stateId, Integer districtId, Model model) {
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
