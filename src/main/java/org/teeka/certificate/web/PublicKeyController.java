package org.teeka.certificate.web;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.teeka.certificate.SigningKey;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The public key certificates are signed with, for anyone who verifies them offline (docs/certificates.md). */
@RestController
class PublicKeyController {

    private final SigningKey key;

    PublicKeyController(SigningKey key) {
        this.key = key;
    }

    @GetMapping(value = "/certificates/public-key", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> pem() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic()).body(key.publicKeyPem());
    }

    /** A JWK set (RFC 7517) of one key, whose kid the credentials' proofs name. */
    @GetMapping(value = "/certificates/public-key.jwk", produces = {"application/jwk-set+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<Map<String, List<Map<String, String>>>> jwk() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .body(Map.of("keys", List.of(key.publicKeyJwk())));
    }
}
