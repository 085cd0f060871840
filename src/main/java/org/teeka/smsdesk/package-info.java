/**
 * The staff SMS desk: the fate of every message sent in a staff member's scope (never its text),
 * delivery rates by district and day, dead letters and their retry, and the call list of a
 * center's day: the people whose appointment SMS did not arrive. It owns the audit of staff
 * lookups of a citizen's messages and of retries ({@code staff_audit_events}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "SMS desk")
package org.teeka.smsdesk;
