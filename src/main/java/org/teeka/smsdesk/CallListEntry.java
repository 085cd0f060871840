package org.teeka.smsdesk;

import org.teeka.booking.Attendee;
import org.teeka.notification.MessageLog;

/**
 * Someone a center should phone: their appointment SMS failed, died, or was not delivered in time.
 *
 * @param message the fate of their appointment SMS; null when none was written
 * @param reasonKey message key of why they are on the list
 */
public record CallListEntry(Attendee attendee, MessageLog.Fate message, String reasonKey) {
}
