/**
 * Messages to citizens. Every SMS a committed change promises is written to the outbox in that
 * change's transaction, rendered from an English or Hindi template; the dispatcher that sends
 * the outbox over SMPP or HTTP builds on this.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.teeka.notification;
