-- Why: the CoWIN v2 adapter keeps the little the CoWIN surface promises and Teeka's own model does
-- not hold. cowin_appointments: a CoWIN appointment id may cover several family members booked in
-- one call and keeps its id across reschedules, while a Teeka appointment is one person's and a
-- reschedule makes a new one; each row ties a Teeka appointment to the CoWIN id it answers to.
-- cowin_registrations: the comorbidity indicator and consent version CoWIN clients send at
-- registration, given back in the beneficiary list. cowin_captchas: the last captcha answer shown
-- to a mobile when captchas are on, in the database so that any node can check it.

create table cowin_appointments (
    appointment_id uuid primary key references appointments on delete cascade,
    cowin_id       uuid not null,
    created_at     timestamptz not null default clock_timestamp()
);

create index cowin_appointments_cowin_idx on cowin_appointments (cowin_id);

create table cowin_registrations (
    beneficiary_id  uuid primary key references beneficiaries on delete cascade,
    comorbidity_ind char(1) not null check (comorbidity_ind in ('Y', 'N')),
    consent_version text check (length(consent_version) <= 50)
);

create table cowin_captchas (
    mobile     char(10) primary key check (mobile ~ '^[6-9][0-9]{9}$'),
    answer     text not null,
    expires_at timestamptz not null
);
