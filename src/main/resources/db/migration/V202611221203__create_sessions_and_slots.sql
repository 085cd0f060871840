-- Why: a session is one center's vaccination day for one vaccine and age band. Capacity is per
-- dose and per time slot; the booked counters sit beside the capacities so that a booking is one
-- conditional update, and the CHECK constraints make overbooking impossible whatever the code does.
-- state_id and district_id are copied from the center so that a district's day is one indexed read.

create table sessions (
    id             uuid primary key,
    center_id      integer not null references centers,
    state_id       integer not null,
    district_id    integer not null,
    session_date   date not null,
    vaccine_code   text not null references vaccines,
    min_age        smallint not null check (min_age between 0 and 120),
    max_age        smallint check (max_age between 0 and 120),
    dose1_capacity integer not null check (dose1_capacity >= 0),
    dose2_capacity integer not null check (dose2_capacity >= 0),
    dose1_booked   integer not null default 0,
    dose2_booked   integer not null default 0,
    created_at     timestamptz not null default now(),
    created_by     text,
    check (max_age is null or max_age >= min_age),
    check (dose1_capacity + dose2_capacity > 0),
    check (dose1_booked between 0 and dose1_capacity),
    check (dose2_booked between 0 and dose2_capacity),
    unique (center_id, session_date, vaccine_code, min_age)
);

create index sessions_district_date_idx on sessions (district_id, session_date);
create index sessions_date_idx on sessions (session_date);

create table session_slots (
    session_id uuid not null references sessions on delete cascade,
    slot_no    smallint not null check (slot_no >= 1),
    starts_at  time not null,
    ends_at    time not null,
    capacity   integer not null check (capacity >= 0),
    booked     integer not null default 0,
    primary key (session_id, slot_no),
    check (starts_at < ends_at),
    check (booked between 0 and capacity)
);
