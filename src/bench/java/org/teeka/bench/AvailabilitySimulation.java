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
 * Scenario 1's citizen search page, signed in, at rising constant arrival rates (open model: a new
 * request every 1/rate seconds whether or not earlier ones were answered, so a slow server cannot
 * slow the generator down and hide its own latency), steps one after another with a short gap.
 * The calendar's rates are {@link ConstantRate}'s: at thousands a second Gatling's own cost per
 * arrival decided the result; at these rates it does not.
 *
 * <p>Properties: {@code bench.searchRates} (per second), {@code bench.stepSeconds}, {@code bench.label}
 * (a prefix), {@code bench.sessionsFeed} (CSV with a {@code cookie} column: signed-in citizens).
 */
public class AvailabilitySimulation extends Simulation {

    {
        String label = Bench.string("label", "teeka");
        int seconds = Bench.integer("stepSeconds", 10);
        String search = "/citizen/search?districtId=624&date=" + LocalDate.now();
        var steps = new java.util.ArrayList<PopulationBuilder>();
        for (int rate : Bench.integers("searchRates", "10,25,50")) {
            String name = label + " search @" + rate + "/s";
            steps.add(scenario(name).feed(csv(Bench.string("sessionsFeed", "target/bench/citizens.csv")).circular())
                    .exec(http(name).get(search).header("Cookie", "#{cookie}").check(status().is(200)))
                    .injectOpen(nothingFor(2), constantUsersPerSec(rate).during(seconds)));
        }
        setUp(Bench.oneAfterAnother(steps)).protocols(Bench.protocol());
    }
}
