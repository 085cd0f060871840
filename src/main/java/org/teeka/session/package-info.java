/**
 * Sessions: a center's vaccination day for one vaccine and age band, with capacity per dose and
 * time slots each holding its own share. Staff plan them in bulk ("every weekday for 4 weeks")
 * and watch how full each day is.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sessions")
package org.teeka.session;
