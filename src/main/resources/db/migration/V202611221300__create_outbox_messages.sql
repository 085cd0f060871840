-- Why: a message promised by a committed change must never be lost, so it is written in the same
-- transaction as the change (the outbox pattern); a dispatcher sends it afterwards. dedupe_key
-- makes one event one message however often it is enqueued. The text is rendered at enqueue
-- time in the citizen's language; the template key stays for reporting.

create table outbox_messages (
    id         uuid primary key,
    dedupe_key text not null unique,
    mobile     char(10) not null check (mobile ~ '^[6-9][0-9]{9}$'),
    template   text not null,
    language   text not null check (language in ('en', 'hi')),
    text       text not null,
    priority   smallint not null check (priority between 0 and 9),
    status     text not null default 'PENDING'
               check (status in ('PENDING', 'SUBMITTED', 'DELIVERED', 'FAILED', 'DEAD')),
    attempts   integer not null default 0,
    not_before timestamptz not null default now(),
    created_at timestamptz not null default now()
);

create index outbox_messages_pending_idx on outbox_messages (priority, created_at) where status = 'PENDING';
create index outbox_messages_mobile_idx on outbox_messages (mobile, created_at);
