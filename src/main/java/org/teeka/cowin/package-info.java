/**
 * The CoWIN-compatible API v2 under {@code /api/v2}: the paths, parameters, field names, dates
 * (DD-MM-YYYY), errors ({@code {"errorCode","error"}}) and quirks that third-party CoWIN clients
 * rely on, so that such a client works against Teeka by changing only its base URL. A thin adapter:
 * every rule (eligibility, capacity, OTP, registration) is the other modules'; this module only
 * translates, caches public availability for at most a few seconds, rations callers, and keeps
 * the little the CoWIN surface promises that Teeka's own model does not hold (stable appointment
 * ids across reschedules, family bookings under one id, the comorbidity flag, captchas).
 */
@org.springframework.modulith.ApplicationModule(displayName = "CoWIN API v2")
package org.teeka.cowin;
