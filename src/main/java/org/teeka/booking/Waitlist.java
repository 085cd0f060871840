package org.teeka.booking;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.notification.Outbox;
import org.teeka.notification.Priority;
import org.teeka.notification.Sms;
import org.teeka.session.SessionsPlanned;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The district waitlist. When no place is free a citizen waits here; when places appear (a
 * cancellation, a reschedule, new sessions) the waiting people of that district are offered the
 * earliest free place in the order they joined, and each one placed is told by SMS.
 */
@Service
public class Waitlist {

    private static final Logger log = LoggerFactory.getLogger(Waitlist.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Beneficiaries beneficiaries;
    private final Bookings bookings;
    private final Outbox outbox;

    Waitlist(JdbcClient jdbc, TransactionTemplate transaction, Beneficiaries beneficiaries, Bookings bookings, Outbox outbox) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.beneficiaries = beneficiaries;
        this.bookings = bookings;
        this.outbox = outbox;
    }

    /** Puts a family member on their district's waitlist for a dose, optionally for one vaccine only. */
    @Transactional
    public void join(String mobile, UUID beneficiaryId, int dose, String vaccineCode) {
        Beneficiary beneficiary = beneficiaries.get(beneficiaryId, mobile);
        if (!bookings.activeOf(beneficiaryId).stream().filter(a -> a.dose() == dose).toList().isEmpty()) {
            throw BookingRefusedException.conflict("booking.error.already-booked", dose);
        }
        try {
            jdbc.sql("insert into waitlist_entries (beneficiary_id, dose, district_id, vaccine_code) values (?, ?, ?, ?)")
                    .params(beneficiaryId, dose, beneficiary.districtId(), vaccineCode).update();
        } catch (DuplicateKeyException already) {
            throw BookingRefusedException.conflict("booking.error.already-waiting", dose);
        }
    }

    /**
     * Puts many people on their districts' waitlists for a dose at once, in the caller's
     * transaction, and tells each one newly waiting by SMS (they are not looking at a page, as a
     * citizen joining is): registered under which reference id, and that a place will be sent. Someone
     * already waiting keeps their place in the queue.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void joinAll(List<Beneficiary> people, Map<UUID, Locale> languages, int dose, String vaccineCode) {
        if (people.isEmpty()) {
            return;
        }
        var joined = new java.util.HashSet<>(jdbc.sql("""
                        insert into waitlist_entries (beneficiary_id, dose, district_id, vaccine_code)
                        select beneficiary_id, ?, district_id, ? from unnest(cast(? as uuid[]), cast(? as integer[])) as t(beneficiary_id, district_id)
                        on conflict (beneficiary_id, dose) where status = 'WAITING' do nothing
                        returning beneficiary_id""")
                .params(dose, vaccineCode, people.stream().map(Beneficiary::id).toArray(UUID[]::new),
                        people.stream().map(Beneficiary::districtId).toArray(Integer[]::new))
                .query(UUID.class).list());
        outbox.enqueueAll(people.stream().filter(b -> joined.contains(b.id()))
                .map(b -> new Sms(b.mobile(), "sms.waitlist-joined", languages.getOrDefault(b.id(), Locale.ENGLISH),
                        List.of(b.name(), b.referenceId(), dose), "waitlist-joined:" + b.id() + ":" + dose, Priority.TRANSACTIONAL)
                        .about(b.districtId(), null, null))
                .toList());
    }

    /** Whether the family member waits for the dose. */
    public boolean waiting(UUID beneficiaryId, int dose) {
        return jdbc.sql("select count(*) from waitlist_entries where beneficiary_id = ? and dose = ? and status = 'WAITING'")
                .params(beneficiaryId, dose).query(Integer.class).single() > 0;
    }

    @ApplicationModuleListener
    void on(CapacityReleased event) {
        fill(event.districtId());
    }

    @ApplicationModuleListener
    void on(SessionsPlanned event) {
        fill(event.districtId());
    }

    /**
     * Offers free places to the district's waiting people, first come first served; someone no
     * free place suits (age, vaccine, interval) keeps their turn. Each person is placed in a
     * transaction of their own, their entry locked so two nodes never place one person twice.
     */
    public int fill(int districtId) {
        record Entry(long id, UUID beneficiaryId, int dose, String vaccineCode) {
        }
        List<Long> waiting = jdbc.sql("select id from waitlist_entries where district_id = ? and status = 'WAITING' order by id limit 500")
                .param(districtId).query(Long.class).list();
        int placed = 0;
        for (long id : waiting) {
            Boolean booked;
            try {
                booked = transaction.execute(status -> {
                    var entry = jdbc.sql("""
                                    select id, beneficiary_id, dose, vaccine_code from waitlist_entries
                                    where id = ? and status = 'WAITING' for update skip locked""")
                            .param(id).query(Entry.class).optional();
                    if (entry.isEmpty()) {
                        return false;
                    }
                    Beneficiary beneficiary = beneficiaries.find(entry.get().beneficiaryId()).orElse(null);
                    if (beneficiary == null) {
                        return false;
                    }
                    var appointment = bookings.earliest(beneficiary, entry.get().dose(), entry.get().vaccineCode(),
                            Appointment.Source.WAITLIST, beneficiaries.languageOf(beneficiary.mobile()), "sms.waitlist-booked");
                    appointment.ifPresent(a -> jdbc.sql("update waitlist_entries set status = 'BOOKED', appointment_id = ? where id = ?")
                            .params(a.id(), id).update());
                    return appointment.isPresent();
                });
            } catch (BookingRefusedException refused) {
                // one person's refusal (booked meanwhile by themselves) must not stop the queue behind them
                log.info("Waitlist entry {} of district {} skipped: {}", id, districtId, refused.code());
                continue;
            }
            if (Boolean.TRUE.equals(booked)) {
                placed++;
            }
        }
        if (placed > 0) {
            log.info("Waitlist of district {}: {} people booked", districtId, placed);
        }
        return placed;
    }
}
