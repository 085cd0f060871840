package org.teeka.cowin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where and when there are places. The public calls are answered from memory ({@link
 * PublicAvailability}, never more than 5 s old); the same searches behind a bearer token read the
 * database every time. {@code ?slots=objects} writes each slot as {@code {"time","seats"}} instead
 * of the 2021 string; {@code ?slots=strings} forces strings when objects are the configured default.
 */
@CowinApi
@Tag(name = "Availability")
class AvailabilityApi {

    private static final String SLOTS_HELP = "strings (default: \"09:00AM-11:00AM\") or objects ({\"time\",\"seats\"})";

    private final Availability availability;
    private final PublicAvailability cache;
    private final CowinSettings settings;

    AvailabilityApi(Availability availability, PublicAvailability cache, CowinSettings settings) {
        this.availability = availability;
        this.cache = cache;
        this.settings = settings;
    }

    @GetMapping("/api/v2/appointment/sessions/public/findByPin")
    @Operation(summary = "Sessions at a PIN code on a date, one flat object per session")
    Sessions findByPin(@RequestParam String pincode, @RequestParam String date, @RequestParam(required = false) String vaccine,
                       @Parameter(description = SLOTS_HELP) @RequestParam(required = false) String slots, HttpServletRequest request) {
        var q = new Query("findByPin", pincode(pincode), CowinDates.parse(date), vaccine, view(request, slots));
        return cached(q, () -> new Sessions(availability.findByPin(q.place(), q.date(), vaccine, q.view())));
    }

    @GetMapping("/api/v2/appointment/sessions/public/findByDistrict")
    @Operation(summary = "Sessions in a district on a date, one flat object per session")
    Sessions findByDistrict(@RequestParam("district_id") int districtId, @RequestParam String date,
                            @RequestParam(required = false) String vaccine,
                            @Parameter(description = SLOTS_HELP) @RequestParam(required = false) String slots,
                            HttpServletRequest request) {
        var q = new Query("findByDistrict", districtId, CowinDates.parse(date), vaccine, view(request, slots));
        return cached(q, () -> new Sessions(availability.findByDistrict(q.place(), q.date(), vaccine, q.view())));
    }

    @GetMapping("/api/v2/appointment/sessions/public/calendarByPin")
    @Operation(summary = "Centers at a PIN code with their sessions for 7 days from the date")
    Calendar calendarByPin(@RequestParam String pincode, @RequestParam String date, @RequestParam(required = false) String vaccine,
                           @Parameter(description = SLOTS_HELP) @RequestParam(required = false) String slots,
                           HttpServletRequest request) {
        var q = new Query("calendarByPin", pincode(pincode), CowinDates.parse(date), vaccine, view(request, slots));
        return cached(q, () -> new Calendar(availability.calendarByPin(q.place(), q.date(), vaccine, q.view())));
    }

    @GetMapping("/api/v2/appointment/sessions/public/calendarByDistrict")
    @Operation(summary = "Centers in a district with their sessions for 7 days from the date")
    Calendar calendarByDistrict(@RequestParam("district_id") int districtId, @RequestParam String date,
                                @RequestParam(required = false) String vaccine,
                                @Parameter(description = SLOTS_HELP) @RequestParam(required = false) String slots,
                                HttpServletRequest request) {
        var q = new Query("calendarByDistrict", districtId, CowinDates.parse(date), vaccine, view(request, slots));
        return cached(q, () -> new Calendar(availability.calendarByDistrict(q.place(), q.date(), vaccine, q.view())));
    }

    @GetMapping("/api/v2/appointment/sessions/public/calendarByCenter")
    @Operation(summary = "One center with its sessions for 7 days from the date; \"centers\" is a single object here, not a list")
    OneCenter calendarByCenter(@RequestParam("center_id") int centerId, @RequestParam String date,
                               @RequestParam(required = false) String vaccine,
                               @Parameter(description = SLOTS_HELP) @RequestParam(required = false) String slots,
                               HttpServletRequest request) {
        var q = new Query("calendarByCenter", centerId, CowinDates.parse(date), vaccine, view(request, slots));
        Optional<Availability.CenterView> center = cached(q, () -> availability.calendarByCenter(q.place(), q.date(), vaccine, q.view()));
        return new OneCenter(center.orElseThrow(() -> new CowinRefusedException(HttpStatus.NOT_FOUND, "center.error.not-found", centerId)));
    }

    @GetMapping("/api/v2/appointment/centers/public/findByLatLong")
    @Operation(summary = "Centers within 50 km of a point, nearest first (at most 50), without sessions")
    Nearby findByLatLong(@RequestParam double lat, @RequestParam("long") double lon, HttpServletRequest request) {
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "cowin.error.position");
        }
        // rounded to about 10 m, so that callers a few steps apart share one answer
        double roundedLat = Math.round(lat * 10_000) / 10_000.0;
        double roundedLon = Math.round(lon * 10_000) / 10_000.0;
        var view = view(request, null);
        return cache.answer(List.of("findByLatLong", roundedLat, roundedLon, view),
                () -> new Nearby(availability.near(roundedLat, roundedLon, view), MetadataApi.TTL_HOURS));
    }

    @GetMapping("/api/v2/appointment/sessions/findByPin")
    @Operation(summary = "As the public findByPin, read afresh for a signed-in citizen")
    Sessions findByPinSignedIn(@RequestParam String pincode, @RequestParam String date, @RequestParam(required = false) String vaccine,
                               @Parameter(description = SLOTS_HELP) @RequestParam(required = false) String slots,
                               HttpServletRequest request) {
        return new Sessions(availability.findByPin(pincode(pincode), CowinDates.parse(date), vaccine, view(request, slots)));
    }

    @GetMapping("/api/v2/appointment/sessions/findByDistrict")
    @Operation(summary = "As the public findByDistrict, read afresh for a signed-in citizen")
    Sessions findByDistrictSignedIn(@RequestParam("district_id") int districtId, @RequestParam String date,
                                    @RequestParam(required = false) String vaccine,
                                    @Parameter(description = SLOTS_HELP) @RequestParam(required = false) String slots,
                                    HttpServletRequest request) {
        return new Sessions(availability.findByDistrict(districtId, CowinDates.parse(date), vaccine, view(request, slots)));
    }

    @GetMapping("/api/v2/appointment/sessions/calendarByPin")
    @Operation(summary = "As the public calendarByPin, read afresh for a signed-in citizen")
    Calendar calendarByPinSignedIn(@RequestParam String pincode, @RequestParam String date,
                                   @RequestParam(required = false) String vaccine,
                                   @Parameter(description = SLOTS_HELP) @RequestParam(required = false) String slots,
                                   HttpServletRequest request) {
        return new Calendar(availability.calendarByPin(pincode(pincode), CowinDates.parse(date), vaccine, view(request, slots)));
    }

    @GetMapping("/api/v2/appointment/sessions/calendarByDistrict")
    @Operation(summary = "As the public calendarByDistrict, read afresh for a signed-in citizen")
    Calendar calendarByDistrictSignedIn(@RequestParam("district_id") int districtId, @RequestParam String date,
                                        @RequestParam(required = false) String vaccine,
                                        @Parameter(description = SLOTS_HELP) @RequestParam(required = false) String slots,
                                        HttpServletRequest request) {
        return new Calendar(availability.calendarByDistrict(districtId, CowinDates.parse(date), vaccine, view(request, slots)));
    }

    private <T> T cached(Query q, Supplier<T> reader) {
        return cache.answer(List.of(q.kind(), q.place(), q.date(), String.valueOf(Availability.vaccineCode(q.vaccine())), q.view()), reader);
    }

    private Availability.View view(HttpServletRequest request, String slots) {
        boolean objects = slots == null || slots.isBlank() ? settings.slotObjects() : slots.strip().equalsIgnoreCase("objects");
        return new Availability.View(CowinLanguage.of(request), objects);
    }

    private static int pincode(String text) {
        if (text == null || !text.strip().matches("[1-9][0-9]{5}")) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "center.error.pincode");
        }
        return Integer.parseInt(text.strip());
    }

    private record Query(String kind, int place, LocalDate date, String vaccine, Availability.View view) {
    }

    record Sessions(@JsonProperty("sessions") List<Availability.FlatSession> sessions) {
    }

    record Calendar(@JsonProperty("centers") List<Availability.CenterView> centers) {
    }

    /** calendarByCenter's quirk: {@code centers} holds one center object. */
    record OneCenter(@JsonProperty("centers") Availability.CenterView centers) {
    }

    record Nearby(@JsonProperty("centers") List<Availability.CenterView> centers, @JsonProperty("ttl") int ttl) {
    }
}
