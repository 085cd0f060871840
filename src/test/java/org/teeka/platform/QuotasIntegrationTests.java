package org.teeka.platform;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.teeka.IntegrationTest;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class QuotasIntegrationTests {

    @Autowired
    Quotas quotas;

    @Test
    void allowsTheConfiguredNumberThenAsksToComeBackLater() {
        String caller = UUID.randomUUID().toString();
        for (int i = 0; i < 20; i++) {
            quotas.take("booking-per-user", caller);
        }
        assertThatThrownBy(() -> quotas.take("booking-per-user", caller))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.retryAfter()).isPositive();
                    assertThat(e.getHeaders().getFirst("Retry-After")).matches("[1-9][0-9]*");
                });
    }

    @Test
    void countsEachCallerApart() {
        String greedy = UUID.randomUUID().toString();
        for (int i = 0; i < 20; i++) {
            quotas.take("booking-per-user", greedy);
        }
        quotas.take("booking-per-user", UUID.randomUUID().toString());
    }

    @Test
    void readsQuotasAsRequestsPerPeriod() {
        assertThat(Quotas.Limit.parse("600/1m")).isEqualTo(new Quotas.Limit(600, java.time.Duration.ofMinutes(1)));
        assertThatThrownBy(() -> Quotas.Limit.parse("600 per minute")).isInstanceOf(IllegalArgumentException.class);
    }
}
