package org.teeka.bench;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.Cookie;
import static io.gatling.javaapi.http.HttpDsl.CookieKey;
import static io.gatling.javaapi.http.HttpDsl.addCookie;
import static io.gatling.javaapi.http.HttpDsl.getCookieValue;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenario 5, the launch-day mix, and the overload run (the same mix at five times the rate):
 * 90% search (60% CoWIN calendarByDistrict, 30% the citizen search page), 10% writes (5% a new
 * mobile asking for an OTP, 5% a prepared person booking a place in one of many sessions).
 *
 * <p>A request is OK only when it was served (200; for a booking also 409, a place already
 * gone), so the "OK answers" latencies are those of the admitted requests; a refusal (429, 503)
 * is a KO whose message says so, and LaunchBench counts refusals apart from errors. A citizen
 * sent to the waiting room behaves as the page asks a browser to: comes back when its
 * {@code Refresh} header says, with the queue's cookie ("search page, from the queue"), and gives up
 * after {@code bench.queuePatience} seconds (120). Each person given a ticket is written to
 * {@code bench.queueLog} (ticket number, first request, when let in or given up in epoch ms, whether
 * let in) so that LaunchBench can tell whether the queue drained in order.
 *
 * <p>Properties: {@code bench.rate}, {@code bench.seconds}, {@code bench.label},
 * {@code bench.feed} (bookings), {@code bench.sessionsFeed} (signed-in citizens), {@code bench.mobileBase},
 * {@code bench.queuePatience}, {@code bench.queueLog}.
 */
public class MixSimulation extends Simulation {

    /** "ticket,first,end,in" lines of the people given a ticket: their first request, and when they were let in (in = 1) or gave up. */
    private static final ConcurrentLinkedQueue<String> QUEUED = new ConcurrentLinkedQueue<>();

    {
        int rate = Bench.integer("rate", 500);
        int seconds = Bench.integer("seconds", 20);
        String label = Bench.string("label", "mix");
        String calendar = "/api/v2/appointment/sessions/public/calendarByDistrict?district_id=624&date=" + Bench.cowinDate();
        var users = scenario(label)
                .feed(csv(Bench.string("sessionsFeed", "target/bench/citizens.csv")).circular())
                .feed(OtpSimulation.mobiles(Long.parseLong(Bench.string("mobileBase", "9300000000"))))
                .randomSwitch().on(
                        percent(60).then(exec(http(label + " calendarByDistrict").get(calendar).check(status().is(200)))),
                        percent(30).then(searchPage(label)),
                        percent(5).then(exec(http(label + " generateOTP").post("/api/v2/auth/public/generateOTP")
                                .body(StringBody("{\"mobile\":\"#{mobile}\"}")).asJson().check(status().is(200)))),
                        percent(5).then(feedBooking(label)));
        setUp(users.injectOpen(constantUsersPerSec(rate).during(seconds))).protocols(Bench.protocol());
    }

    /** The search page as a browser gets it: signed in (the session cookie), then through the waiting room if it is full. */
    private static ChainBuilder searchPage(String label) {
        String search = "/citizen/search?districtId=624&date=" + LocalDate.now();
        long patience = Bench.integer("queuePatience", 120) * 1000L;
        return exec(session -> session.set("jsessionid", session.getString("cookie").replaceFirst("^JSESSIONID=", ""))
                        .set("first", System.currentTimeMillis()))
                .exec(addCookie(Cookie("JSESSIONID", "#{jsessionid}").withPath("/")))
                .exec(http(label + " search page").get(search)
                        .check(status().saveAs("status"), header("Refresh").optional().saveAs("refresh"),
                                status().is(200)))
                .asLongAs(session -> session.getInt("status") != 200 && session.contains("refresh")
                        && System.currentTimeMillis() - session.getLong("first") < patience).on(
                        exec(getCookieValue(CookieKey("teeka-queue").withPath("/").saveAs("ticket")))
                                .pause(session -> Duration.ofSeconds(Long.parseLong(session.getString("refresh").strip())))
                                .exec(session -> session.remove("refresh"))
                                .exec(http(label + " search page, from the queue").get(search)
                                        .check(status().saveAs("status"),
                                                header("Refresh").optional().saveAs("refresh"),
                                                status().is(200))))
                .exec(MixSimulation::queued);
    }

    /** Notes how a person's wait in the queue ended, if they were given a ticket. */
    private static Session queued(Session session) {
        if (session.contains("ticket")) {
            String[] parts = session.getString("ticket").replace("\"", "").split("\\.");
            if (parts.length == 3) {
                QUEUED.add(parts[1] + "," + session.getLong("first") + "," + System.currentTimeMillis() + ","
                        + (session.getInt("status") == 200 ? 1 : 0));
            }
        }
        return session;
    }

    @Override
    public void after() {
        String log = Bench.string("queueLog", "");
        if (!log.isEmpty()) {
            var lines = new ArrayList<String>();
            lines.add("ticket,first,end,in");
            lines.addAll(QUEUED);
            try {
                Files.write(Path.of(log), lines);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static ChainBuilder feedBooking(String label) {
        return exec(io.gatling.javaapi.core.CoreDsl.feed(csv(Bench.string("feed", "target/bench/mix.csv")).queue()))
                .exec(http(label + " schedule").post("/api/v2/appointment/schedule")
                        .header("Authorization", "Bearer #{token}")
                        .header("Idempotency-Key", "bench-#{reference}")
                        .body(StringBody("{\"dose\":1,\"session_id\":\"#{session}\",\"slot\":\"#{slot}\",\"beneficiaries\":[\"#{reference}\"]}"))
                        .asJson()
                        .check(status().in(200, 409)));
    }
}
