/**
 * Vaccination centers (address, block, district, PIN, position, free or paid with a fee per
 * vaccine, opening hours) and cold-chain points where vaccine stock is kept.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Centers")
package org.teeka.center;
