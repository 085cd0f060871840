package org.teeka.bench;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.LocalDate;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenario 1, public availability at rising constant arrival rates (open model: a new request
 * every 1/rate seconds whether or not earlier ones were answered, so a slow server cannot slow
 * the generator down and hide its own latency). One request name per target and rate, steps one
 * after another with a short gap.
 *
 * <p>Properties: {@code bench.targets} (calendar, search), {@code bench.calendarRates}, {@code bench.searchRates} (per second),
 * {@code bench.stepSeconds}, {@code bench.label} (a prefix: "teeka", "bare-http"),
 * {@code bench.sessionsFeed} (CSV with a {@code cookie} column: signed-in citizens, for search).
 */
public class AvailabilitySimulation extends Simulation {

    {
        String label = Bench.string("label", "teeka");
        int seconds = Bench.integer("stepSeconds", 10);
        String calendar = "/api/v2/appointment/sessions/public/calendarByDistrict?district_id=624&date=" + Bench.cowinDate();
        String search = "/citizen/search?districtId=624&date=" + LocalDate.now();
        var steps = new java.util.ArrayList<PopulationBuilder>();
        // warm-up (the JIT, the caches, the connection pool), reported apart
        int warmUp = Bench.integer("warmUpSeconds", 10);
        if (warmUp > 0) {
            steps.add(scenario("warm-up").exec(http("(warm-up) calendar").get(calendar).check(status().is(200)))
                    .injectOpen(constantUsersPerSec(Bench.integer("warmUpRate", 200)).during(warmUp)));
        }
        for (String target : Bench.string("targets", "calendar").split(",")) {
            for (int rate : Bench.integers(target + "Rates", "500,1000")) {
                String name = label + " " + target + " @" + rate + "/s";
                var request = target.equals("search")
                        ? http(name).get(search).header("Cookie", "#{cookie}").check(status().is(200))
                        : http(name).get(calendar).check(status().is(200));
                var users = target.equals("search")
                        ? scenario(name).feed(csv(Bench.string("sessionsFeed", "target/bench/citizens.csv")).circular()).exec(request)
                        : scenario(name).exec(request);
                steps.add(users.injectOpen(nothingFor(2), constantUsersPerSec(rate).during(seconds)));
            }
        }
        setUp(Bench.oneAfterAnother(steps)).protocols(Bench.protocol());
    }
}
