-- Why: the center console records doses, checks people in and marks no-shows.
-- * vaccine_lots: the lot/batch a dose came from (number, vaccine, expiry). There is no stock
--   module yet; this minimal table lets a dose name a real, unexpired lot of the right vaccine.
-- * dose_records gains what a clinical record needs (lot, session, vaccinator, time, device) and a
--   client-generated event_id, unique: the console sends one per form and offline devices one per
--   dose, so a double submit or a replay finds the first record instead of writing a second.
--   A correction names its reason; one correction per record (a chain, never a fork).
-- * dose_conflicts: a second, different record of the same person's dose (two devices) is kept
--   here for the center manager, never merged into dose_records.
-- * appointments: CHECKED_IN, VACCINATED and NO_SHOW; a checked-in appointment still holds the one
--   active place per beneficiary and dose; WALK_IN bookings made at the center.
-- * beneficiaries.mobile may be empty: a walk-in without a phone is registered at the center
--   (no SMS can reach them; the slip is printed instead).
-- * staff lookups: every console lookup is audited; counters per staff account and window hold
--   the lookup quota in the database (all nodes share it); going over it raises an alert.

create table vaccine_lots (
    lot_number   text primary key check (lot_number ~ '^[A-Z0-9][A-Z0-9-]{2,29}$'),
    vaccine_code text not null references vaccines,
    expires_on   date not null,
    created_at   timestamptz not null default now()
);

alter table dose_records
    add column event_id          uuid,
    add column lot_number        text references vaccine_lots,
    add column session_id        uuid references sessions,
    add column vaccinator_id     bigint references staff_users,
    add column administered_at   timestamptz,
    add column device_id         text check (length(device_id) <= 100),
    add column correction_reason text check (length(correction_reason) <= 500);
update dose_records set event_id = id where event_id is null;
alter table dose_records alter column event_id set not null;
alter table dose_records add constraint dose_records_event_id_key unique (event_id);
alter table dose_records add constraint dose_records_correction_has_reason
    check (corrects_id is null or correction_reason is not null);
create unique index dose_records_one_correction_idx on dose_records (corrects_id) where corrects_id is not null;
create index dose_records_session_idx on dose_records (session_id);

create table dose_conflicts (
    id              bigint generated always as identity primary key,
    event_id        uuid not null unique,
    existing_id     uuid not null references dose_records,
    beneficiary_id  uuid not null references beneficiaries,
    dose            smallint not null,
    vaccine_code    text not null,
    lot_number      text,
    session_id      uuid references sessions,
    center_id       integer references centers,
    vaccinator_id   bigint references staff_users,
    administered_at timestamptz,
    device_id       text,
    reason          text not null,
    created_at      timestamptz not null default now()
);
create index dose_conflicts_center_idx on dose_conflicts (center_id, id);

alter table appointments drop constraint appointments_status_check;
alter table appointments add constraint appointments_status_check
    check (status in ('BOOKED', 'CANCELLED', 'RESCHEDULED', 'CHECKED_IN', 'VACCINATED', 'NO_SHOW'));
alter table appointments drop constraint appointments_source_check;
alter table appointments add constraint appointments_source_check
    check (source in ('CITIZEN', 'ALLOCATION', 'WAITLIST', 'API', 'WALK_IN'));
alter table appointments add column checked_in_at timestamptz;
drop index appointments_one_active_idx;
create unique index appointments_one_active_idx on appointments (beneficiary_id, dose) where status in ('BOOKED', 'CHECKED_IN');
create index appointments_session_all_idx on appointments (session_id);

alter table beneficiaries alter column mobile drop not null;

create table staff_lookups (
    id             bigint generated always as identity primary key,
    staff_id       bigint not null references staff_users,
    center_id      integer references centers,
    asked_at       timestamptz not null default now(),
    kind           text not null check (kind in ('REFERENCE_ID', 'APPOINTMENT')),
    asked          text not null check (length(asked) <= 64),
    result         text not null check (result in ('FOUND', 'NOT_FOUND', 'WRONG_CODE', 'INVALID', 'BLOCKED')),
    beneficiary_id uuid
);
create index staff_lookups_staff_idx on staff_lookups (staff_id, asked_at);

create table staff_lookup_counters (
    staff_id     bigint not null references staff_users,
    window_name  text not null check (window_name in ('SHORT', 'DAY')),
    window_start timestamptz not null,
    used         integer not null check (used >= 0),
    primary key (staff_id, window_name, window_start)
);

create table staff_alerts (
    id           bigint generated always as identity primary key,
    kind         text not null check (kind in ('LOOKUP_QUOTA')),
    staff_id     bigint not null references staff_users,
    username     text not null,
    display_name text not null,
    state_id     integer not null references states,
    district_id  integer references districts,
    center_id    integer references centers,
    window_name  text not null,
    window_start timestamptz not null,
    raised_at    timestamptz not null default now(),
    unique (kind, staff_id, window_name, window_start)
);
create index staff_alerts_state_idx on staff_alerts (state_id, id);
