package org.teeka.cowin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
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
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Sessions.class)))
    ResponseEntity<byte[]> findByPin(@RequestParam String pincode, @RequestParam String date, @RequestParam(required = false) String vaccine,
                                     @Parameter(description = SLOTS_HELP) @RequestParam(required = false) String slots,
                                     HttpServletRequest request) {
        var q = PublicQuestion.of("findByPin", pincode(pincode), CowinDates.parse(date), vaccine, view(request, slots));
        return cached(q, () -> new Sessions(availability.findByPin(q.place(), q.date(), vaccine, q.view())), request);
    }

    @GetMapping("/api/v2/appointment/sessions/public/findByDistrict")
    @Operation(summary = "Sessions in a district on a date, one flat object per session")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Sessions.class)))
    ResponseEntity<byte[]> findByDistrict(@RequestParam("district_id") int districtId, @RequestParam String date,
                                          @RequestParam(required = false) String vaccine,
                                          @Parameter(description = SLOTS_HELP) @RequestParam(required = false) String slots,
                                          HttpServletRequest request) {
        var q = PublicQuestion.of("findByDistrict", districtId, CowinDates.parse(date), vaccine, view(request, slots));
        return cached(q, () -> new Sessions(availability.findByDistrict(q.place(), q.date(), vaccine, q.view())), request);
    }

    @GetMapping("/api/v2/appointment/sessions/public/calendarByPin")
    @Operation(summary = "Centers at a PIN code with their sessions for 7 days from the date")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Calendar.class)))
    ResponseEntity<byte[]> calendarByPin(@RequestParam String pincode, @RequestParam String date,
                                         @RequestParam(required = false) String vaccine,
                                         @Parameter(description = SLOTS_HELP) @RequestParam(required = false) String slots,
                                         HttpServletRequest request) {
        var q = PublicQuestion.of("calendarByPin", pincode(pincode), CowinDates.parse(date), vaccine, view(request, slots));
        return cached(q, () -> new Calendar(availability.calendarByPin(q.place(), q.date(), vaccine, q.view())), request);
    }

    @GetMapping("/api/v2/appointment/sessions/public/calendarByDistrict")
    @Operation(summary = "Centers in a district with their sessions for 7 days from the date")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Calendar.class)))
    ResponseEntity<byte[]> calendarByDistrict(@RequestParam("district_id") int districtId, @RequestParam String date,
                                              @RequestParam(required = false) String vaccine,
                                              @Parameter(description = SLOTS_HELP) @RequestParam(required = false) String slots,
                                              HttpServletRequest request) {
        var q = PublicQuestion.of("calendarByDistrict", districtId, CowinDates.parse(date), vaccine, view(request, slots));
        return cached(q, () -> new Calendar(availability.calendarByDistrict(q.place(), q.date(), vaccine, q.view())), request);
    }

    @GetMapping("/api/v2/appointment/sessions/public/calendarByCenter")
    @Operation(summary = "One center with its sessions for 7 days from the date; \"centers\" is a single object here, not a list")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", schema = @Schema(implementation = OneCenter.class)))
    ResponseEntity<byte[]> calendarByCenter(@RequestParam("center_id") int centerId, @RequestParam String date,
                                            @RequestParam(required = false) String vaccine,
                                            @Parameter(description = SLOTS_HELP) @RequestParam(required = false) String slots,
                                            HttpServletRequest request) {
        var q = PublicQuestion.of("calendarByCenter", centerId, CowinDates.parse(date), vaccine, view(request, slots));
        var served = cache.body(q, () -> availability.calendarByCenter(q.place(), q.date(), vaccine, q.view()).map(OneCenter::new).orElse(null));
        return answer(served.orElseThrow(() -> new CowinRefusedException(HttpStatus.NOT_FOUND, "center.error.not-found", String.valueOf(centerId))),
                request);
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

    /**
     * What a public answer varies by: Accept-Language (the *_l fields) and Accept-Encoding (gzip or
     * not), so a shared cache keeps one per language and coding.
     */
    static final List<String> VARY = List.of(HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.ACCEPT_ENCODING);

    /** The answer's bytes as {@link PublicAvailabilityFilter} serves a hit, with the same headers. */
    private ResponseEntity<byte[]> cached(PublicQuestion q, Supplier<Object> reader, HttpServletRequest request) {
        return answer(cache.body(q, reader).orElseThrow(), request);
    }

    private static ResponseEntity<byte[]> answer(PublicAvailability.Served served, HttpServletRequest request) {
        PublicAvailability.Encoded body = served.body().encodedFor(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        var answer = ResponseEntity.ok().eTag(body.etag()).header(HttpHeaders.CACHE_CONTROL, cacheControl(served))
                .varyBy(VARY.toArray(String[]::new)).contentType(MediaType.APPLICATION_JSON);
        if (body.contentEncoding() != null) {
            answer.header(HttpHeaders.CONTENT_ENCODING, body.contentEncoding());
        }
        return answer.body(body.bytes());
    }

    /** Anyone may keep a public answer for as long as it has left, no longer: it is never older than the time to live. */
    static String cacheControl(PublicAvailability.Served served) {
        return "public, max-age=" + served.secondsLeft();
    }

    private Availability.View view(HttpServletRequest request, String slots) {
        return view(CowinLanguage.of(request), slots, settings);
    }

    static Availability.View view(java.util.Locale language, String slots, CowinSettings settings) {
        boolean objects = slots == null || slots.isBlank() ? settings.slotObjects() : slots.strip().equalsIgnoreCase("objects");
        return new Availability.View(language, objects);
    }

    private static int pincode(String text) {
        if (text == null || !text.strip().matches("[1-9][0-9]{5}")) {
            throw new CowinRefusedException(HttpStatus.BAD_REQUEST, "center.error.pincode");
        }
        return Integer.parseInt(text.strip());
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
