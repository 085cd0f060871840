-- Why: vaccination certificates, one per dose record (provisional after a dose that is not the
-- vaccine's last, final after the last). The signed credential is kept exactly as issued, so the
-- verification page and the PDF show what the QR carries. A revocation is written once, with who
-- and why: that row is the audit record; a corrected certificate is a new row, never an edit.

create table certificates (
    id                text primary key,
    beneficiary_id    uuid not null references beneficiaries,
    dose_record_id    uuid not null references dose_records,
    dose              smallint not null,
    kind              text not null check (kind in ('PROVISIONAL', 'FINAL')),
    state_id          integer not null,
    credential        text not null,
    issued_at         timestamptz not null,
    revoked_at        timestamptz,
    revoked_by        text,
    revocation_reason text,
    check ((revoked_at is null) = (revoked_by is null) and (revoked_at is null) = (revocation_reason is null))
);

-- a redelivered DoseAdministered (crash, restart, a second node) issues nothing new
create unique index certificates_one_per_dose_record_idx on certificates (dose_record_id);
create index certificates_beneficiary_idx on certificates (beneficiary_id, dose desc);
