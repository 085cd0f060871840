package org.teeka.geo.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.teeka.geo.District;
import org.teeka.geo.Geography;
import org.teeka.geo.State;
import org.teeka.geo.UnknownStateException;

import java.util.List;
import java.util.Locale;

/** Teeka's own public API for states and districts, with names in the caller's language. */
@RestController
@RequestMapping("/api/geo")
class GeoApi {

    private final Geography geography;

    GeoApi(Geography geography) {
        this.geography = geography;
    }

    @GetMapping("/states")
    List<Place> states(Locale locale) {
        return geography.states().stream().map(s -> Place.of(s, locale)).toList();
    }

    @GetMapping("/states/{stateId}/districts")
    List<Place> districts(@PathVariable int stateId, Locale locale) {
        State state = geography.state(stateId).orElseThrow(() -> new UnknownStateException(stateId));
        return geography.districtsOf(state.id()).stream().map(d -> Place.of(d, locale)).toList();
    }

    record Place(int id, String name, String localName) {

        static Place of(State state, Locale locale) {
            return new Place(state.id(), state.name(), state.name(locale));
        }

        static Place of(District district, Locale locale) {
            return new Place(district.id(), district.name(), district.name(locale));
        }
    }
}
