package org.teeka.cowin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.PhotoIdType;
import org.teeka.geo.Geography;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** States, districts, photo ID types and genders with CoWIN's ids; reference data a client may cache for {@code ttl} hours. */
@CowinApi
@Tag(name = "Metadata")
class MetadataApi {

    static final int TTL_HOURS = 24;

    private final Geography geography;
    private final MessageSource messages;

    MetadataApi(Geography geography, MessageSource messages) {
        this.geography = geography;
        this.messages = messages;
    }

    @GetMapping("/api/v2/admin/location/states")
    @Operation(summary = "Every state with CoWIN's state_id")
    States states(HttpServletRequest request) {
        Locale language = CowinLanguage.of(request);
        return new States(geography.states().stream()
                .map(s -> new StateEntry(s.id(), s.name(), s.name(language))).toList(), TTL_HOURS);
    }

    @GetMapping("/api/v2/admin/location/districts/{state_id}")
    @Operation(summary = "The districts of a state, with CoWIN's district_id; none for an unknown state")
    Districts districts(@PathVariable("state_id") int stateId, HttpServletRequest request) {
        Locale language = CowinLanguage.of(request);
        return new Districts(geography.districtsOf(stateId).stream()
                .map(d -> new DistrictEntry(d.stateId(), d.id(), d.name(), d.name(language))).toList(), TTL_HOURS);
    }

    @GetMapping("/api/v2/registration/beneficiary/idTypes")
    @Operation(summary = "The photo ID types a beneficiary may register with")
    IdTypes idTypes(HttpServletRequest request) {
        Locale language = CowinLanguage.of(request);
        return new IdTypes(Arrays.stream(PhotoIdType.values())
                .map(t -> new IdType(t.id(), messages.getMessage(t.messageKey(), null, language))).toList(), TTL_HOURS);
    }

    @GetMapping("/api/v2/registration/beneficiary/genders")
    @Operation(summary = "The genders a beneficiary may register with")
    Genders genders(HttpServletRequest request) {
        Locale language = CowinLanguage.of(request);
        return new Genders(Arrays.stream(Gender.values())
                .map(g -> new GenderEntry(g.id(), messages.getMessage(g.messageKey(), null, language))).toList(), TTL_HOURS);
    }

    record States(@JsonProperty("states") List<StateEntry> states, @JsonProperty("ttl") int ttl) {
    }

    record StateEntry(@JsonProperty("state_id") int stateId, @JsonProperty("state_name") String stateName,
                      @JsonProperty("state_name_l") String stateNameL) {
    }

    record Districts(@JsonProperty("districts") List<DistrictEntry> districts, @JsonProperty("ttl") int ttl) {
    }

    record DistrictEntry(@JsonProperty("state_id") int stateId, @JsonProperty("district_id") int districtId,
                         @JsonProperty("district_name") String districtName,
                         @JsonProperty("district_name_l") String districtNameL) {
    }

    record IdTypes(@JsonProperty("types") List<IdType> types, @JsonProperty("ttl") int ttl) {
    }

    record IdType(@JsonProperty("id") int id, @JsonProperty("type") String type) {
    }

    record Genders(@JsonProperty("genders") List<GenderEntry> genders, @JsonProperty("ttl") int ttl) {
    }

    record GenderEntry(@JsonProperty("id") int id, @JsonProperty("gender") String gender) {
    }
}
