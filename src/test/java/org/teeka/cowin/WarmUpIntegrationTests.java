package org.teeka.cowin;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.TestPropertySource;
import org.teeka.IntegrationTest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node warms itself up before it reports ready: its own availability calls over HTTP, not
 * counted by the per-address quota (lowered here to 10 per 5 minutes).
 */
@IntegrationTest
@TestPropertySource(properties = {"teeka.warm-up.requests=60", "teeka.quotas.cowin-per-ip=10/5m"})
class WarmUpIntegrationTests {

    private static final String CALENDAR = "/api/v2/appointment/sessions/public/calendarByDistrict";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationAvailability availability;

    @Autowired
    ReadinessWatch watch;

    @Test
    void answersItsOwnCallsBeforeItIsReadyWithoutSpendingTheQuotaOfItsAddress() throws Exception {
        assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
        // each of the 4 connections' last answer may reach the caller just before its request is recorded
        assertThat(watch.answeredWhenReady).as("calendar calls answered 200 when the node became ready").isGreaterThanOrEqualTo(60 - 4);

        HttpClient http = HttpClient.newHttpClient();
        String date = CowinDates.format(LocalDate.now(ZoneId.of("Asia/Kolkata")));
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < 11; i++) {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + CALENDAR + "?district_id=624&date=" + date)).build();
            statuses.add(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        assertThat(statuses).as("the address's quota of 10, whole after the warm-up, and applied again")
                .isEqualTo(List.of(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 429));
    }

    /** How many calendar calls had been answered 200 when the node said it accepts traffic. */
    @TestConfiguration
    static class ReadinessWatch {

        private final MeterRegistry meters;
        volatile long answeredWhenReady = -1;

        ReadinessWatch(MeterRegistry meters) {
            this.meters = meters;
        }

        @EventListener
        void ready(AvailabilityChangeEvent<ReadinessState> event) {
            if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
                Timer answered = meters.find("http.server.requests").tag("uri", CALENDAR).tag("status", "200").timer();
                answeredWhenReady = answered == null ? 0 : answered.count();
            }
        }
    }
}
