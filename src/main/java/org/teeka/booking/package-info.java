/**
 * Appointments: the booking engine (a place is one conditional update, never more than the
 * capacity), eligibility policies, allocation of the earliest place near a citizen at
 * registration, reschedule and cancel, the district waitlist, and idempotent requests.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Booking")
package org.teeka.booking;
