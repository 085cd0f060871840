package org.teeka.notification;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The message outbox. {@link #enqueue} joins the caller's transaction, so a message exists if
 * and only if the change that promised it was committed.
 */
@Service
public class Outbox {

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final DispatchSignal signal;

    Outbox(JdbcClient jdbc, MessageSource messages, DispatchSignal signal) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.signal = signal;
    }

    /** Renders the SMS in its language and writes it to the outbox; returns false when its dedupe key was already there. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(Sms sms) {
        Locale language = "hi".equals(sms.language().getLanguage()) ? Locale.forLanguageTag("hi") : Locale.ENGLISH;
        String text = messages.getMessage(sms.template(), sms.arguments().toArray(), language);
        boolean added = jdbc.sql("""
                        insert into outbox_messages (id, dedupe_key, mobile, template, language, text, priority, status, not_before,
                                                     district_id, center_id, appointment_id)
                        select ?, ?, ?, ?, ?, ?, ?, case when due > now() then 'SCHEDULED' else 'PENDING' end, due, ?, ?, ?
                        from (select coalesce(cast(? as timestamptz), now()) as due) t
                        on conflict (dedupe_key) do nothing""")
                .params(UUID.randomUUID(), sms.dedupeKey(), sms.mobile(), sms.template(), language.getLanguage(), text,
                        sms.priority().rank(), sms.context().districtId(), sms.context().centerId(), sms.context().appointmentId(),
                        timestamp(sms.notBefore()))
                .update() == 1;
        if (added) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal.wake();
                }
            });
        }
        return added;
    }

    /**
     * Renders and writes many messages with one statement, as {@link #enqueue} does one; returns
     * how many were new (the others' dedupe keys were there already).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int enqueueAll(List<Sms> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        int n = batch.size();
        var ids = new UUID[n];
        var keys = new String[n];
        var mobiles = new String[n];
        var templates = new String[n];
        var languages = new String[n];
        var texts = new String[n];
        var priorities = new Integer[n];
        var due = new java.sql.Timestamp[n];
        var districts = new Integer[n];
        var centers = new Integer[n];
        var appointments = new UUID[n];
        for (int i = 0; i < n; i++) {
            Sms sms = batch.get(i);
            Locale language = "hi".equals(sms.language().getLanguage()) ? Locale.forLanguageTag("hi") : Locale.ENGLISH;
            ids[i] = UUID.randomUUID();
            keys[i] = sms.dedupeKey();
            mobiles[i] = sms.mobile();
            templates[i] = sms.template();
            languages[i] = language.getLanguage();
            texts[i] = messages.getMessage(sms.template(), sms.arguments().toArray(), language);
            priorities[i] = sms.priority().rank();
            due[i] = timestamp(sms.notBefore());
            districts[i] = sms.context().districtId();
            centers[i] = sms.context().centerId();
            appointments[i] = sms.context().appointmentId();
        }
        return jdbc.sql("""
                        insert into outbox_messages (id, dedupe_key, mobile, template, language, text, priority, status, not_before,
                                                     district_id, center_id, appointment_id)
                        select id, key, mobile, template, language, text, priority,
                               case when coalesce(due, now()) > now() then 'SCHEDULED' else 'PENDING' end, coalesce(due, now()),
                               district_id, center_id, appointment_id
                        from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                    cast(? as text[]), cast(? as text[]), cast(? as integer[]), cast(? as timestamptz[]),
                                    cast(? as integer[]), cast(? as integer[]), cast(? as uuid[]))
                             as m(id, key, mobile, template, language, text, priority, due, district_id, center_id, appointment_id)
                        on conflict (dedupe_key) do nothing""")
                .params(ids, keys, mobiles, templates, languages, texts, priorities, due, districts, centers, appointments)
                .update();
    }

    /**
     * Withdraws a message that is still SCHEDULED (its reason went away: the appointment was
     * cancelled, the dose was given); returns false when it was not scheduled, or already due.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean withdraw(String dedupeKey) {
        return jdbc.sql("update outbox_messages set status = 'WITHDRAWN' where dedupe_key = ? and status = 'SCHEDULED'")
                .param(dedupeKey).update() == 1;
    }

    private static java.sql.Timestamp timestamp(java.time.Instant instant) {
        return instant == null ? null : java.sql.Timestamp.from(instant);
    }
}
