-- Why: demo data is loaded once, on the first start; this row remembers that it was, and on
-- which day, so a restart neither duplicates nor moves it.

create table demo_loads (
    id        smallint primary key check (id = 1),
    loaded_on date not null,
    loaded_at timestamptz not null default now()
);
