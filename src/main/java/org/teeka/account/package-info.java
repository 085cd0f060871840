/**
 * Who may do what. Staff users with a role and a scope (a state, a district or a center),
 * password sign-in with an adaptive hash and per-account throttling, and the web security rules.
 * Citizen OTP login will live here too.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package org.teeka.account;
