-- Why: the booking engine's records. A booking takes a place with conditional updates of the
-- session's and slot's counters (whose CHECKs already forbid overbooking) and inserts an
-- appointment; the partial unique index allows one active appointment per beneficiary per dose.
-- idempotency_keys keeps the first answer to each state-changing request, so a double click,
-- a refresh or a network retry returns it instead of acting twice. Waitlist entries wait, per
-- district, for a place to appear, first come first served.

create table appointments (
    id             uuid primary key,
    beneficiary_id uuid not null references beneficiaries on delete cascade,
    dose           smallint not null check (dose between 1 and 5),
    session_id     uuid not null references sessions,
    slot_no        smallint not null,
    security_code  char(4) not null check (security_code ~ '^[0-9]{4}$'),
    status         text not null check (status in ('BOOKED', 'CANCELLED', 'RESCHEDULED')),
    source         text not null check (source in ('CITIZEN', 'ALLOCATION', 'WAITLIST', 'API')),
    booked_at      timestamptz not null default now(),
    ended_at       timestamptz,
    foreign key (session_id, slot_no) references session_slots (session_id, slot_no)
);

create unique index appointments_one_active_idx on appointments (beneficiary_id, dose) where status = 'BOOKED';
create index appointments_session_idx on appointments (session_id) where status = 'BOOKED';

create table idempotency_keys (
    key        text primary key,
    owner      text not null,
    result     text not null,
    created_at timestamptz not null default now()
);

create table waitlist_entries (
    id             bigint generated always as identity primary key,
    beneficiary_id uuid not null references beneficiaries on delete cascade,
    dose           smallint not null check (dose between 1 and 5),
    district_id    integer not null references districts,
    vaccine_code   text references vaccines,
    status         text not null default 'WAITING' check (status in ('WAITING', 'BOOKED', 'LEFT')),
    appointment_id uuid references appointments,
    created_at     timestamptz not null default now()
);

create unique index waitlist_one_waiting_idx on waitlist_entries (beneficiary_id, dose) where status = 'WAITING';
create index waitlist_district_idx on waitlist_entries (district_id, id) where status = 'WAITING';
