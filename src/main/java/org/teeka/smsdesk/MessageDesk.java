package org.teeka.smsdesk;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.teeka.account.Permission;
import org.teeka.account.StaffPrincipal;
import org.teeka.booking.Attendee;
import org.teeka.booking.Bookings;
import org.teeka.geo.District;
import org.teeka.geo.Geography;
import org.teeka.notification.MessageLog;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * What staff see of the SMS sent in their scope. A state admin and a helpdesk agent see their
 * state, a district admin their district; a helpdesk agent may look but not retry. Messages about
 * no district (an OTP has none: sign-in knows only a mobile) are shown to state-wide staff only in
 * a search by exact mobile, the helpdesk's "I got no code" call, and never to a district admin.
 * A search by mobile is a lookup of a person's data and is recorded before anything is shown; so
 * is every retry.
 */
@Service
public class MessageDesk {

    /** Rows per page of a search. */
    public static final int PAGE_SIZE = 50;
    /** Dead letters shown at once; "retry all" covers every one in scope, shown or not. */
    public static final int DEAD_SHOWN = 200;

    /** One page of a search; {@code more} tells whether a next page exists. */
    public record Page(List<MessageLog.Fate> rows, int page, boolean more) {
    }

    private final MessageLog log;
    private final Geography geography;
    private final Bookings bookings;
    private final JdbcClient jdbc;
    private final SmsDeskSettings settings;
    private final Clock clock;

    MessageDesk(MessageLog log, Geography geography, Bookings bookings, JdbcClient jdbc, SmsDeskSettings settings, Clock clock) {
        this.log = log;
        this.geography = geography;
        this.bookings = bookings;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** The districts whose messages the staff member may see. */
    public List<District> districts(StaffPrincipal staff) {
        staff.scope().require(Permission.VIEW_MESSAGES);
        return geography.districtsWithin(staff.scope().stateId(), staff.scope().districtId());
    }

    /** A page of the messages matching the search; a search by mobile is audited first. */
    @Transactional
    public Page search(StaffPrincipal staff, MessageLog.Search search, int page) {
        List<Integer> districtIds = districtIds(staff);
        boolean byMobile = search.mobile() != null;
        if (byMobile) {
            audit(staff, "MESSAGES_LOOKUP", "mobile=" + search.mobile()
                    + (search.status() == null ? "" : " status=" + search.status())
                    + (search.from() == null ? "" : " from=" + search.from())
                    + (search.to() == null ? "" : " to=" + search.to())
                    + " page=" + page);
        }
        boolean stateWide = staff.scope().districtId() == null;
        var reach = new MessageLog.Reach(districtIds, byMobile && stateWide);
        List<MessageLog.Fate> rows = log.search(search, reach, page * PAGE_SIZE, PAGE_SIZE + 1);
        return new Page(rows.subList(0, Math.min(PAGE_SIZE, rows.size())), page, rows.size() > PAGE_SIZE);
    }

    /** Delivery rates by district and day within the scope. */
    public List<MessageLog.DeliveryRate> rates(StaffPrincipal staff, LocalDate from, LocalDate to) {
        return log.rates(districtIds(staff), from, to);
    }

    public List<MessageLog.Fate> dead(StaffPrincipal staff) {
        return log.dead(districtIds(staff), DEAD_SHOWN);
    }

    public int deadCount(StaffPrincipal staff) {
        return log.deadCount(districtIds(staff));
    }

    /** Whether the staff member may send dead letters again. */
    public boolean mayRetry(StaffPrincipal staff) {
        return staff.scope().allows(Permission.RETRY_MESSAGES);
    }

    /**
     * Sends dead letters of the scope again (the given ones, or all when {@code ids} is null) and
     * records who did, in one transaction. A letter retried already (a double click) is not retried
     * twice; returns how many this call retried.
     */
    @Transactional
    public int retry(StaffPrincipal staff, Collection<UUID> ids) {
        staff.scope().require(Permission.RETRY_MESSAGES);
        List<UUID> retried = log.retry(ids, districtIds(staff), staff.getUsername());
        if (!retried.isEmpty()) {
            audit(staff, "DEAD_LETTERS_RETRIED", retried.size() + (ids == null ? " (all in scope): " : ": ")
                    + String.join(",", retried.stream().map(UUID::toString).toList()));
        }
        return retried.size();
    }

    /**
     * Everyone with an appointment at the center on the day whose appointment SMS failed, died,
     * was never written, or is not delivered {@link SmsDeskSettings#undeliveredAfter} after it was
     * written; by slot, then name.
     */
    public List<CallListEntry> callList(StaffPrincipal staff, int centerId, LocalDate date) {
        staff.scope().require(Permission.VIEW_MESSAGES);
        List<Attendee> attendees = bookings.attendees(centerId, date, staff.scope());
        var fates = log.appointmentMessages(attendees.stream().map(Attendee::appointmentId).toList());
        Instant overdue = Instant.now(clock).minus(settings.undeliveredAfter());
        var entries = new ArrayList<CallListEntry>();
        for (Attendee attendee : attendees) {
            MessageLog.Fate fate = fates.get(attendee.appointmentId());
            String reason = reason(fate, overdue);
            if (reason != null) {
                entries.add(new CallListEntry(attendee, fate, reason));
            }
        }
        return entries;
    }

    public SmsDeskSettings settings() {
        return settings;
    }

    private static String reason(MessageLog.Fate fate, Instant overdue) {
        if (fate == null) {
            return "smsdesk.call-list.reason.none";
        }
        return switch (fate.status()) {
            case DELIVERED, WITHDRAWN -> null;
            case FAILED -> "smsdesk.call-list.reason.failed";
            case DEAD -> "smsdesk.call-list.reason.dead";
            default -> fate.createdAt().isBefore(overdue) ? "smsdesk.call-list.reason.late" : null;
        };
    }

    private List<Integer> districtIds(StaffPrincipal staff) {
        return districts(staff).stream().map(District::id).toList();
    }

    private void audit(StaffPrincipal staff, String action, String detail) {
        jdbc.sql("insert into staff_audit_events (staff_id, username, action, detail) values (?, ?, ?, ?)")
                .params(staff.id(), staff.getUsername(), action, detail).update();
    }
}
