-- Why: staff must see each message's fate by district, center and appointment (delivery rates by
-- district, a call list of the people whose appointment SMS failed), but the outbox only knew a
-- mobile. The callers that know the context (booking, registration, the waitlist) now write it
-- on the row; it is nullable because an OTP, and every row written before this, has none. A dead
-- letter retried by staff records who retried it and when. A staff lookup of a citizen's
-- messages by mobile is a personal-data access and is audited in staff_audit_events, owned by
-- the staff SMS desk (smsdesk).

alter table outbox_messages
    add column district_id    integer,
    add column center_id      integer,
    add column appointment_id uuid,
    add column retried_at     timestamptz,
    add column retried_by     text;

create index outbox_messages_district_created_idx on outbox_messages (district_id, created_at) where district_id is not null;
create index outbox_messages_dead_idx on outbox_messages (district_id, created_at) where status = 'DEAD';

create table staff_audit_events (
    id        bigserial primary key,
    staff_id  bigint not null,
    username  text not null,
    action    text not null,
    detail    text not null,
    at        timestamptz not null default now()
);

create index staff_audit_events_at_idx on staff_audit_events (at);
