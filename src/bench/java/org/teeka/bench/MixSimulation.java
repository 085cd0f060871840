package org.teeka.bench;

import io.gatling.javaapi.core.Simulation;

import java.time.LocalDate;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenario 5, the launch-day mix, and the overload run (the same mix at five times the rate):
 * 90% search (60% CoWIN calendarByDistrict, 30% the citizen search page), 10% writes (5% a new
 * mobile asking for an OTP, 5% a prepared person booking a place in one of many sessions).
 * Deliberate refusals (429, 503) are counted apart from errors by the status each request gets.
 *
 * <p>Properties: {@code bench.rate}, {@code bench.seconds}, {@code bench.label},
 * {@code bench.feed} (bookings), {@code bench.sessionsFeed} (signed-in citizens), {@code bench.mobileBase}.
 */
public class MixSimulation extends Simulation {

    {
        int rate = Bench.integer("rate", 500);
        int seconds = Bench.integer("seconds", 20);
        String label = Bench.string("label", "mix");
        String calendar = "/api/v2/appointment/sessions/public/calendarByDistrict?district_id=624&date=" + Bench.cowinDate();
        String search = "/citizen/search?districtId=624&date=" + LocalDate.now();
        var deliberate = new Integer[] {200, 409, 429, 503};
        var users = scenario(label)
                .feed(csv(Bench.string("sessionsFeed", "target/bench/citizens.csv")).circular())
                .feed(OtpSimulation.mobiles(Long.parseLong(Bench.string("mobileBase", "9300000000"))))
                .randomSwitch().on(
                        percent(60).then(exec(http(label + " calendarByDistrict").get(calendar).check(status().in(deliberate)))),
                        percent(30).then(exec(http(label + " search page").get(search).header("Cookie", "#{cookie}").check(status().in(deliberate)))),
                        percent(5).then(exec(http(label + " generateOTP").post("/api/v2/auth/public/generateOTP")
                                .body(StringBody("{\"mobile\":\"#{mobile}\"}")).asJson().check(status().in(deliberate)))),
                        percent(5).then(feedBooking(label)));
        setUp(users.injectOpen(constantUsersPerSec(rate).during(seconds))).protocols(Bench.protocol());
    }

    private static io.gatling.javaapi.core.ChainBuilder feedBooking(String label) {
        return exec(io.gatling.javaapi.core.CoreDsl.feed(csv(Bench.string("feed", "target/bench/mix.csv")).queue()))
                .exec(http(label + " schedule").post("/api/v2/appointment/schedule")
                        .header("Authorization", "Bearer #{token}")
                        .header("Idempotency-Key", "bench-#{reference}")
                        .body(StringBody("{\"dose\":1,\"session_id\":\"#{session}\",\"slot\":\"#{slot}\",\"beneficiaries\":[\"#{reference}\"]}"))
                        .asJson()
                        .check(status().in(200, 409, 429, 503)));
    }
}
