package org.teeka.bench;

import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenario 4: people prepared beforehand (LaunchBench writes a CSV: bearer token, reference id,
 * session, slot) each book once through CoWIN's {@code appointment/schedule}, arriving at a
 * constant rate. 200 is a booking, 409 a full session (APPOIN0040): both are answers; anything
 * else is an error. Whether the database agrees is LaunchBench's check afterwards.
 *
 * <p>Properties: {@code bench.feed}, {@code bench.rate}, {@code bench.people}, {@code bench.label}.
 */
public class BookingSimulation extends Simulation {

    static io.gatling.javaapi.core.ChainBuilder book(String name) {
        return io.gatling.javaapi.core.CoreDsl.exec(http(name).post("/api/v2/appointment/schedule")
                .header("Authorization", "Bearer #{token}")
                .header("Idempotency-Key", "bench-#{reference}")
                .body(StringBody("{\"dose\":1,\"session_id\":\"#{session}\",\"slot\":\"#{slot}\",\"beneficiaries\":[\"#{reference}\"]}"))
                .asJson()
                .check(status().in(200, 409)));
    }

    {
        int rate = Bench.integer("rate", 1000);
        int people = Bench.integer("people", 10000);
        String label = Bench.string("label", "booking");
        var users = scenario(label).feed(csv(Bench.string("feed", "target/bench/storm.csv"))).exec(book(label));
        setUp(users.injectOpen(constantUsersPerSec(rate).during(java.time.Duration.ofMillis(Math.max(1, people * 1000L / rate))))).protocols(Bench.protocol());
    }
}
