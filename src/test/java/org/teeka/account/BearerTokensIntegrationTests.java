package org.teeka.account;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.teeka.IntegrationTest;
import org.teeka.platform.Secrets;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class BearerTokensIntegrationTests {

    @Autowired
    BearerTokens tokens;

    @Autowired
    Secrets secrets;

    @Test
    void aTokenNamesItsMobileUntilItExpires() {
        String token = tokens.issue("9876500001");

        assertThat(tokens.verify(token)).contains(new CitizenPrincipal("9876500001"));
    }

    @Test
    void aTokenIsAJwtWhosePayloadTellsClientsWhenItExpires() throws Exception {
        String token = tokens.issue("9876500002");
        String[] parts = token.split("\\.");

        assertThat(parts).hasSize(3);
        var header = JsonMapper.shared().readTree(Base64.getUrlDecoder().decode(parts[0]));
        var payload = JsonMapper.shared().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.path("alg").asString()).isEqualTo("HS256");
        assertThat(payload.path("exp").asLong() - Instant.now().getEpochSecond()).isBetween(14 * 60L, 15 * 60L);
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertThat(tokens.verify(BearerTokenFixtures.expiredToken(secrets, "9876500003"))).isEmpty();
    }

    @Test
    void aTokenWhosePayloadWasChangedIsRefused() {
        String[] parts = tokens.issue("9876500004").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("9876500004", "9876500005");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        assertThat(tokens.verify(forged)).isEmpty();
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String[] parts = tokens.issue("9876500006").split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.verify(none + "." + parts[1] + ".")).isEmpty();
        assertThat(tokens.verify(parts[0] + "." + parts[1] + ".")).isEmpty();
        assertThat(tokens.verify("not a token")).isEmpty();
    }
}
