package org.teeka.bench;

import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static io.gatling.javaapi.http.HttpDsl.http;

/** What every simulation reads from system properties (LaunchBench passes them) and shares. */
final class Bench {

    private Bench() {
    }

    static String baseUrl() {
        return System.getProperty("bench.baseUrl", "http://127.0.0.1:8170");
    }

    static String string(String name, String otherwise) {
        return System.getProperty("bench." + name, otherwise);
    }

    static int integer(String name, int otherwise) {
        return Integer.parseInt(System.getProperty("bench." + name, String.valueOf(otherwise)));
    }

    static List<Integer> integers(String name, String otherwise) {
        return Arrays.stream(System.getProperty("bench." + name, otherwise).split(",")).map(String::strip).map(Integer::parseInt).toList();
    }

    /**
     * One pool of keep-alive connections for all virtual users, as a bot farm or a proxy in front of
     * many phones would hold: without it each virtual user opens its own connection, and the
     * benchmark would measure TCP handshakes instead of Teeka.
     */
    static HttpProtocolBuilder protocol() {
        // gzip, deflate: what browsers and Python's requests (the slot bots' usual library) send
        return http.baseUrl(baseUrl()).shareConnections().acceptHeader("application/json, text/html;q=0.9").acceptEncodingHeader("gzip, deflate")
                .userAgentHeader("teeka-launch-bench");
    }

    /** The steps run in order: a.andThen(b.andThen(c)), since a.andThen(b).andThen(c) would start b and c together. */
    static io.gatling.javaapi.core.PopulationBuilder oneAfterAnother(List<io.gatling.javaapi.core.PopulationBuilder> steps) {
        var chain = steps.getLast();
        for (int i = steps.size() - 2; i >= 0; i--) {
            chain = steps.get(i).andThen(chain);
        }
        return chain;
    }

    static String cowinDate() {
        return LocalDate.now().format(DateTimeFormatter.ofPattern("dd-MM-yyyy"));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
