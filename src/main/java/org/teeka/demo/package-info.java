/**
 * Demo data for the one-command run: the Prayagraj launch (six centers, fourteen days of
 * sessions) and Chhattisgarh's 18–44 drive, plus one staff login per role. Loaded once, on the
 * first start; switched off with {@code TEEKA_DEMO=false}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package org.teeka.demo;
