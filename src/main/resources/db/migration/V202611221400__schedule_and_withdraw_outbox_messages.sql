-- Why: reminders are promised long before they are due (a dose-2 SMS 28 days ahead, a reminder
-- the day before). They are written to the outbox with the change that promises them, as
-- SCHEDULED, and become PENDING when due, so the dispatcher's claim never walks past thousands
-- of future rows. A scheduled message that no longer applies (the appointment was cancelled)
-- is WITHDRAWN, never deleted, so staff can still see its fate.

alter table outbox_messages drop constraint outbox_messages_status_check;
alter table outbox_messages add constraint outbox_messages_status_check
    check (status in ('SCHEDULED', 'PENDING', 'SUBMITTED', 'DELIVERED', 'FAILED', 'DEAD', 'WITHDRAWN'));

create index outbox_messages_scheduled_idx on outbox_messages (not_before) where status = 'SCHEDULED';
