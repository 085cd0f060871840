/**
 * Beneficiaries: the people a citizen registers under one mobile number, each with a photo ID that
 * is shown and stored only masked (its last four characters, plus a keyed hash to spot the same ID
 * registered twice; never an Aadhaar number in full), the reference id and security code they quote
 * at the center, and bulk import of beneficiary lists.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Beneficiaries")
package org.teeka.beneficiary;
