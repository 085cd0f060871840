package org.teeka.bench;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Scenarios 2 and 3: an OTP sign-in storm, and registration after it. Each arrival is a new
 * mobile: {@code generateOTP}, then the code read where a phone would get it, the local SMSC
 * ({@code GET /smsc/messages?mobile=}, polled every 50 ms: the time the SMS takes is part of the
 * flow, not of any request's latency), {@code confirmOTP} with its SHA-256, and with
 * {@code bench.register=true} {@code beneficiary/new} (a beneficiary row and its outbox row).
 * No bench-only shortcut in the application: the OTP travels over real SMPP.
 *
 * <p>Properties: {@code bench.rate}, {@code bench.seconds}, {@code bench.mobileBase} (ten digits,
 * the first mobile), {@code bench.register}.
 */
public class OtpSimulation extends Simulation {

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    static Iterator<Map<String, Object>> mobiles(long first) {
        var next = new AtomicLong(first);
        return Stream.generate(() -> {
            long mobile = next.getAndIncrement();
            return Map.<String, Object>of("mobile", String.valueOf(mobile), "npr", "BENCH" + mobile);
        }).iterator();
    }

    static ChainBuilder signIn() {
        return exec(http("generateOTP").post("/api/v2/auth/public/generateOTP")
                        .body(StringBody("{\"mobile\":\"#{mobile}\"}")).asJson()
                        .check(status().is(200), jsonPath("$.txnId").saveAs("txnId")))
                .exitHereIfFailed()
                .exec(session -> session.set("polls", 0))
                .asLongAs(session -> !session.contains("code") && session.getInt("polls") < 200).on(
                        pause(Duration.ofMillis(50))
                                .exec(http("(harness) SMSC poll").get("/smsc/messages?mobile=#{mobile}&limit=1")
                                        .check(status().is(200), jsonPath("$[0].text").optional().saveAs("sms")))
                                .exec(OtpSimulation::code))
                .exitHereIf(session -> !session.contains("code"))
                .exec(http("confirmOTP").post("/api/v2/auth/public/confirmOTP")
                        .body(StringBody(session -> "{\"otp\":\"" + Bench.sha256(session.getString("code"))
                                + "\",\"txnId\":\"" + session.getString("txnId") + "\"}")).asJson()
                        .check(status().is(200), jsonPath("$.token").saveAs("token")))
                .exitHereIfFailed();
    }

    private static Session code(Session session) {
        Session polled = session.set("polls", session.getInt("polls") + 1);
        if (!polled.contains("sms")) {
            return polled;
        }
        Matcher m = CODE.matcher(polled.getString("sms"));
        return m.find() ? polled.set("code", m.group(1)) : polled;
    }

    static ChainBuilder register() {
        return exec(http("beneficiary/new").post("/api/v2/registration/beneficiary/new")
                .header("Authorization", "Bearer #{token}")
                .body(StringBody("{\"name\":\"Bench Person\",\"birth_year\":\"1990\",\"gender_id\":1,\"photo_id_type\":6,"
                        + "\"photo_id_number\":\"#{npr}\",\"comorbidity_ind\":\"N\",\"consent_version\":\"V1\"}")).asJson()
                .check(status().is(200), jsonPath("$.beneficiary_reference_id").exists()));
    }

    {
        int rate = Bench.integer("rate", 100);
        int seconds = Bench.integer("seconds", 10);
        boolean registering = Boolean.parseBoolean(Bench.string("register", "false"));
        var flow = scenario(registering ? "registration" : "otp-login")
                .feed(mobiles(Long.parseLong(Bench.string("mobileBase", "9100000000"))))
                .exec(signIn())
                .exec(doIf(session -> registering).then(register()));
        setUp(flow.injectOpen(constantUsersPerSec(rate).during(seconds))).protocols(Bench.protocol());
    }
}
