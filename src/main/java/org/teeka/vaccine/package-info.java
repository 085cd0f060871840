/**
 * The vaccine catalogue: how many doses each vaccine takes, the allowed interval between doses and
 * its age rules. A state admin edits it from the staff console.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Vaccines")
package org.teeka.vaccine;
