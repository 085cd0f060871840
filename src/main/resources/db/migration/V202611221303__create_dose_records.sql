-- Why: doses given, which eligibility reads (interval since dose 1, same vaccine). One record per
-- beneficiary per dose, enforced here. Records are never edited: a correction is a new record
-- pointing at the one it corrects (the center console that writes them builds on this).

create table dose_records (
    id             uuid primary key,
    beneficiary_id uuid not null references beneficiaries,
    dose           smallint not null check (dose between 1 and 5),
    vaccine_code   text not null references vaccines,
    given_on       date not null,
    center_id      integer references centers,
    corrects_id    uuid references dose_records,
    created_at     timestamptz not null default now()
);

create unique index dose_records_one_per_dose_idx on dose_records (beneficiary_id, dose) where corrects_id is null;
