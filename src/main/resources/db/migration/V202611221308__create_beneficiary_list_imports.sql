-- Why: district staff upload lists of people (health workers first) to be registered, booked and
-- told by SMS. Partial success must be visible, never silent: each list is a beneficiary_imports
-- row with its status and counts, and each data row of the file gets one line in
-- beneficiary_import_rows (booked where, waitlisted, or refused and why). Rows are written in
-- chunks; a chunk's people, appointments, SMS, report lines and counter update are one
-- transaction, so rows_done is exactly what was committed and a crash leaves no row half-written.
-- The CHECKs keep the counters consistent with each other whatever the code does. No ID number is
-- kept here (the beneficiary row has its last 4 characters and keyed hash); a refused row keeps
-- only the name given, and only when it looks like a name.
-- request_key: the upload form's idempotency key, so a double click or a retried upload returns
-- the first import instead of importing the file twice.
-- category: what a person was listed as (health worker, frontline worker), for coverage reports.

alter table beneficiaries
    add column category text not null default 'GENERAL'
        check (category in ('HEALTH_WORKER', 'FRONTLINE_WORKER', 'GENERAL'));

create table beneficiary_imports (
    id              bigint generated always as identity primary key,
    state_id        integer not null,
    district_id     integer not null references districts,
    file_name       text not null check (length(file_name) between 1 and 255),
    file_type       text check (file_type in ('CSV', 'XLSX')),
    center_ids      integer[] not null,
    vaccine_code    text references vaccines,
    language        text not null check (language in ('en', 'hi')),
    status          text not null check (status in ('RUNNING', 'DONE', 'REJECTED', 'FAILED')),
    problem         text,
    problem_args    text[],
    ignored_columns text[],
    rows_total      integer check (rows_total >= 0),
    rows_done       integer not null default 0,
    accepted        integer not null default 0,
    booked          integer not null default 0,
    waitlisted      integer not null default 0,
    rejected        integer not null default 0,
    request_key     text unique,
    created_by      text not null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    finished_at     timestamptz,
    check (accepted = booked + waitlisted),
    check (rows_done = accepted + rejected),
    check (rows_total is null or rows_done <= rows_total),
    check ((status in ('REJECTED', 'FAILED')) = (problem is not null))
);

create index beneficiary_imports_district_idx on beneficiary_imports (district_id, id desc);
create index beneficiary_imports_running_idx on beneficiary_imports (updated_at) where status = 'RUNNING';

create table beneficiary_import_rows (
    import_id      bigint not null references beneficiary_imports on delete cascade,
    row_no         integer not null check (row_no >= 1),
    outcome        text not null check (outcome in ('BOOKED', 'WAITLISTED', 'REJECTED')),
    name           text check (length(name) <= 100),
    column_name    text,
    reason         text,
    reason_args    jsonb,
    beneficiary_id uuid references beneficiaries on delete set null,
    reference_id   char(14),
    center_id      integer,
    session_date   date,
    slot_starts_at time,
    slot_ends_at   time,
    primary key (import_id, row_no),
    check ((outcome = 'REJECTED') = (reason is not null)),
    check (outcome <> 'BOOKED' or (center_id is not null and session_date is not null))
);

create index beneficiary_import_rows_beneficiary_idx on beneficiary_import_rows (beneficiary_id) where beneficiary_id is not null;
create index beneficiary_import_rows_rejected_idx on beneficiary_import_rows (import_id, row_no) where outcome = 'REJECTED';
