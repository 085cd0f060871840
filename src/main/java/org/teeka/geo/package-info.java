/**
 * States, districts and PIN codes with their stable numeric ids (CoWIN's, which third-party tools
 * store). Read-only reference data, loaded by migration.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Geography")
package org.teeka.geo;
