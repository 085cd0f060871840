package org.teeka.booking.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.util.UriComponentsBuilder;
import org.teeka.center.FeeType;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A citizen's session search as the page's query string carries it: by PIN code, or else by
 * district; from a date for a week; optionally for a family member and dose, whose sessions can
 * then be booked. Empty fields do not filter.
 */
public record SessionQuery(
        @Min(110000) @Max(999999) Integer pincode,
        Integer stateId,
        Integer districtId,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
        String vaccine,
        @Min(0) @Max(120) Integer age,
        FeeType fee,
        @Min(1) @Max(5) Integer dose,
        UUID beneficiary) {

    /** The days a search covers, from its date. */
    static final int DAYS = 7;

    static SessionQuery empty() {
        return new SessionQuery(null, null, null, null, null, null, null, null, null);
    }

    /** Whether it says where to look: a PIN code or a district. */
    public boolean asked() {
        return pincode != null || districtId != null;
    }

    SessionQuery where(Integer state, Integer district) {
        return new SessionQuery(pincode, state, district, date, vaccine, age, fee, dose, beneficiary);
    }

    SessionQuery from(LocalDate day) {
        return new SessionQuery(pincode, stateId, districtId, day, vaccine, age, fee, dose, beneficiary);
    }

    SessionQuery forMember(UUID member, Integer memberDose, Integer memberAge, String memberVaccine) {
        return new SessionQuery(pincode, stateId, districtId, date, memberVaccine, memberAge, fee, memberDose, member);
    }

    /** The path with this search's place, date and filters as its query, not the member and dose (the forms carry those). */
    String link(String path) {
        var uri = UriComponentsBuilder.fromPath(path);
        if (pincode != null) {
            uri.queryParam("pincode", pincode);
        } else if (districtId != null) {
            if (stateId != null) {
                uri.queryParam("stateId", stateId);
            }
            uri.queryParam("districtId", districtId);
        }
        if (date != null) {
            uri.queryParam("date", date);
        }
        if (vaccine != null) {
            uri.queryParam("vaccine", vaccine);
        }
        if (age != null) {
            uri.queryParam("age", age);
        }
        if (fee != null) {
            uri.queryParam("fee", fee);
        }
        return uri.encode().build().toUriString();
    }
}
