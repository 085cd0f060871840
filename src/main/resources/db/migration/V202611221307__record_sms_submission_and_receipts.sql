-- Why: the dispatcher sends the outbox over SMPP. A row remembers the SMSC's id for the message
-- (its delivery receipt names that id), when it was submitted, when a receipt settled it and with
-- which state, and why the last attempt failed. Receipts get a table of their own because one can
-- arrive before its row is marked submitted, or name a copy sent just before a crash that is never
-- marked; it waits there until a row takes it, and is dropped after two days.

alter table outbox_messages
    add column smsc_message_id text,
    add column submitted_at    timestamptz,
    add column done_at         timestamptz,
    add column receipt_state   text,
    add column last_error      text;

create index outbox_messages_smsc_message_id_idx on outbox_messages (smsc_message_id) where smsc_message_id is not null;

create table sms_receipts (
    smsc_message_id text primary key,
    state           text not null,
    received_at     timestamptz not null default now()
);
