/**
 * Vaccination certificates: on each recorded dose a credential in the W3C verifiable-credential
 * style, signed with Ed25519 (eddsa-jcs-2022), carried in a QR code and a PDF in English or Hindi;
 * the public verification of a QR or a certificate id; revocation by a state admin. Holds the
 * signing key and publishes its public half. docs/certificates.md describes the format.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Certificates")
package org.teeka.certificate;
