-- Why: a center that worked on paper during an outage uploads its dose register as CSV. Each row
-- goes through the same recording as the console (one transaction per row, with an event id
-- derived from the center and the row's content, so re-uploading the file writes nothing new);
-- the per-row report is kept here so that it can be shown again and downloaded.
create table paper_register_imports (
    id          uuid primary key,
    center_id   integer not null references centers,
    staff_id    bigint not null references staff_users,
    file_name   text not null check (length(file_name) <= 200),
    imported_at timestamptz not null default now(),
    accepted    integer not null,
    duplicates  integer not null,
    conflicts   integer not null,
    refused     integer not null
);
create index paper_register_imports_center_idx on paper_register_imports (center_id, imported_at desc);

create table paper_register_rows (
    import_id    uuid not null references paper_register_imports on delete cascade,
    row_no       integer not null,
    reference_id text,
    dose         text,
    lot_number   text,
    outcome      text not null check (outcome in ('ACCEPTED', 'DUPLICATE', 'CONFLICT', 'REFUSED')),
    message      text not null,
    primary key (import_id, row_no)
);
