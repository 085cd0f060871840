package org.teeka.certificate;

import org.erdtman.jcs.JsonCanonicalizer;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a certificate as a W3C verifiable credential (data model 1.1) secured with a Data
 * Integrity proof of the {@code eddsa-jcs-2022} cryptosuite: an Ed25519 signature over
 * SHA-256(JCS(proof options)) ‖ SHA-256(JCS(credential without proof)), JCS being RFC 8785;
 * and checks such a credential. docs/certificates.md spells the steps out for other verifiers.
 */
@Component
class Credentials {

    static final String CONTEXT_VC = "https://www.w3.org/2018/credentials/v1";
    static final String CONTEXT_DATA_INTEGRITY = "https://w3id.org/security/data-integrity/v2";
    static final String ID_PREFIX = "urn:teeka:certificate:";

    /** How a credential fared. */
    enum Check {
        VALID, TAMPERED, UNKNOWN_KEY, MALFORMED
    }

    record Checked(Check check, CertificateContent content) {
    }

    private final SigningKey key;
    private final JsonMapper json;

    Credentials(SigningKey key) {
        this.key = key;
        this.json = JsonMapper.builder().build();
    }

    /** The signed credential, as JSON text. */
    String issue(CertificateContent content, String issuerId) {
        ObjectNode credential = json.createObjectNode();
        credential.putArray("@context").add(CONTEXT_VC).add(CONTEXT_DATA_INTEGRITY);
        credential.put("id", ID_PREFIX + content.certificateId());
        credential.putArray("type").add("VerifiableCredential").add("VaccinationCertificate");
        credential.putObject("issuer").put("id", issuerId).put("name", content.issuerName());
        credential.put("issuanceDate", content.issuedAt().toString());
        ObjectNode subject = credential.putObject("credentialSubject");
        subject.put("type", "Person");
        subject.put("name", content.name());
        subject.put("birthYear", content.birthYear());
        subject.put("gender", content.gender());
        subject.putObject("photoId").put("type", content.photoIdType()).put("number", content.photoIdNumber());
        subject.put("referenceId", content.referenceId());
        // the lucky-draw card number (issued with the first dose); optional, left out when unknown
        if (content.cardNumber() != null) {
            subject.put("cardNumber", content.cardNumber());
        }
        subject.put("certificateKind", content.kind().name());
        ArrayNode evidence = credential.putArray("evidence");
        for (CertificateContent.Dose dose : content.doses()) {
            ObjectNode given = evidence.addObject();
            given.putArray("type").add("Vaccination");
            given.put("dose", dose.dose());
            given.put("totalDoses", dose.totalDoses());
            given.put("vaccineCode", dose.vaccineCode());
            given.put("vaccine", dose.vaccine());
            given.put("date", dose.date().toString());
            if (dose.centerId() != null) {
                given.put("centerId", dose.centerId());
            }
            given.put("center", dose.center());
            given.put("district", dose.district());
            given.put("state", dose.state());
        }
        ObjectNode proof = proofOptions(content.issuedAt());
        proof.put("proofValue", "z" + Base58.encode(key.sign(signedBytes(credential, proof))));
        credential.set("proof", proof);
        return json.writeValueAsString(credential);
    }

    /** Checks the credential's proof against this platform's key, and reads what it says. */
    Checked check(String text) {
        JsonNode parsed;
        try {
            parsed = json.readTree(text);
        } catch (JacksonException e) {
            return new Checked(Check.MALFORMED, null);
        }
        if (!(parsed instanceof ObjectNode credential) || !(credential.get("proof") instanceof ObjectNode proof)) {
            return new Checked(Check.MALFORMED, null);
        }
        if (!"DataIntegrityProof".equals(proof.path("type").stringValue(null))
                || !"eddsa-jcs-2022".equals(proof.path("cryptosuite").stringValue(null))) {
            return new Checked(Check.MALFORMED, null);
        }
        if (!key.verificationMethod().equals(proof.path("verificationMethod").stringValue(null))) {
            return new Checked(Check.UNKNOWN_KEY, null);
        }
        String proofValue = proof.path("proofValue").stringValue("");
        byte[] signature;
        try {
            signature = proofValue.startsWith("z") ? Base58.decode(proofValue.substring(1)) : null;
        } catch (IllegalArgumentException e) {
            signature = null;
        }
        if (signature == null || signature.length != 64) {
            return new Checked(Check.MALFORMED, null);
        }
        ObjectNode unsecured = credential.deepCopy();
        unsecured.remove("proof");
        ObjectNode options = proof.deepCopy();
        options.remove("proofValue");
        options.remove("@context");
        byte[] signed;
        try {
            signed = signedBytes(unsecured, options);
        } catch (IllegalArgumentException e) {
            return new Checked(Check.MALFORMED, null);
        }
        if (!key.verify(signed, signature)) {
            return new Checked(Check.TAMPERED, null);
        }
        try {
            return new Checked(Check.VALID, content(credential));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return new Checked(Check.MALFORMED, null);
        }
    }

    private ObjectNode proofOptions(Instant created) {
        ObjectNode proof = json.createObjectNode();
        proof.put("type", "DataIntegrityProof");
        proof.put("cryptosuite", "eddsa-jcs-2022");
        proof.put("created", created.toString());
        proof.put("verificationMethod", key.verificationMethod());
        proof.put("proofPurpose", "assertionMethod");
        return proof;
    }

    /** SHA-256(JCS(proof options with the credential's @context)) ‖ SHA-256(JCS(credential without proof)). */
    private byte[] signedBytes(ObjectNode unsecured, ObjectNode proofOptions) {
        ObjectNode config = proofOptions.deepCopy();
        if (unsecured.has("@context")) {
            config.set("@context", unsecured.get("@context"));
        }
        byte[] configHash = sha256(canonical(config));
        byte[] documentHash = sha256(canonical(unsecured));
        byte[] both = new byte[64];
        System.arraycopy(configHash, 0, both, 0, 32);
        System.arraycopy(documentHash, 0, both, 32, 32);
        return both;
    }

    private byte[] canonical(JsonNode node) {
        try {
            return new JsonCanonicalizer(json.writeValueAsString(node)).getEncodedUTF8();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot canonicalize: " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CertificateContent content(ObjectNode credential) {
        String id = text(credential, "id");
        if (!id.startsWith(ID_PREFIX)) {
            throw new IllegalArgumentException("not a Teeka certificate id");
        }
        JsonNode subject = credential.path("credentialSubject");
        JsonNode photoId = subject.path("photoId");
        List<CertificateContent.Dose> doses = new ArrayList<>();
        for (JsonNode dose : credential.path("evidence")) {
            doses.add(new CertificateContent.Dose(number(dose, "dose"), number(dose, "totalDoses"), text(dose, "vaccineCode"),
                    text(dose, "vaccine"), LocalDate.parse(text(dose, "date")),
                    dose.path("centerId").isInt() ? dose.path("centerId").intValue() : null,
                    text(dose, "center"), text(dose, "district"), text(dose, "state")));
        }
        if (doses.isEmpty()) {
            throw new IllegalArgumentException("no dose");
        }
        return new CertificateContent(id.substring(ID_PREFIX.length()),
                CertificateContent.Kind.valueOf(text(subject, "certificateKind")),
                text(credential.path("issuer"), "name"), Instant.parse(text(credential, "issuanceDate")),
                text(subject, "name"), number(subject, "birthYear"), text(subject, "gender"), text(photoId, "type"),
                text(photoId, "number"), text(subject, "referenceId"),
                subject.path("cardNumber").isString() ? subject.path("cardNumber").stringValue() : null, List.copyOf(doses));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString()) {
            throw new IllegalArgumentException(field + " is not text");
        }
        return value.stringValue();
    }

    private static int number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isInt()) {
            throw new IllegalArgumentException(field + " is not a whole number");
        }
        return value.intValue();
    }
}
