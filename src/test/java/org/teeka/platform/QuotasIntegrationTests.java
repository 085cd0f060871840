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

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    @Test
    void aCitizenSearchingTooFastIsToldToComeBackWithRetryAfter() throws Exception {
        var citizen = org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                new org.teeka.account.CitizenPrincipal("8" + String.format("%09d", Math.floorMod(UUID.randomUUID().hashCode(), 1_000_000_000))),
                null, org.springframework.security.core.authority.AuthorityUtils.createAuthorityList("ROLE_CITIZEN"));
        // 120 a minute, refilled smoothly: the first 120 pass at once, then the bucket runs dry
        int served = 0;
        org.springframework.test.web.servlet.MvcResult refused = null;
        while (refused == null && served < 400) {
            var result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/citizen/search")
                    .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(citizen)))
                    .andReturn();
            if (result.getResponse().getStatus() == 429) {
                refused = result;
            } else {
                assertThat(result.getResponse().getStatus()).isEqualTo(200);
                served++;
            }
        }
        assertThat(served).isGreaterThanOrEqualTo(120);
        assertThat(refused).isNotNull();
        assertThat(refused.getResponse().getHeader("Retry-After")).matches("[1-9][0-9]*");
    }


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
