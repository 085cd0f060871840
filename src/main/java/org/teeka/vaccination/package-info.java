/**
 * Doses given: one record per beneficiary per dose, never edited (a correction is a new record
 * pointing at the original). The center console, walk-ins and offline sync build on this.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Vaccination")
package org.teeka.vaccination;
