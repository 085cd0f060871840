-- Why: people registered under a mobile. At most 4 per mobile, enforced by the counter's CHECK
-- on citizen_accounts (a fifth insert fails in the database, whatever the code does). One photo
-- ID number belongs to one person on one mobile: unique (id_type, id_hash), where id_hash is a
-- keyed hash; an Aadhaar number is never stored, only its last 4 digits and that hash. The
-- account's language is the one SMS go out in when no page is open (the waitlist).

create table citizen_accounts (
    mobile     char(10) primary key check (mobile ~ '^[6-9][0-9]{9}$'),
    members    smallint not null default 0 check (members between 0 and 4),
    language   text not null default 'en' check (language in ('en', 'hi')),
    created_at timestamptz not null default now()
);

create table beneficiaries (
    id           uuid primary key,
    reference_id char(14) not null unique check (reference_id ~ '^[1-9][0-9]{13}$'),
    mobile       char(10) not null references citizen_accounts,
    name         text not null check (length(name) between 1 and 100),
    birth_year   smallint not null check (birth_year between 1900 and 2100),
    gender       text not null check (gender in ('MALE', 'FEMALE', 'OTHER')),
    id_type      text not null check (id_type in ('AADHAAR', 'VOTER_ID', 'PASSPORT', 'DRIVING_LICENCE', 'PAN',
                                                   'NPR_SMART_CARD', 'PENSION_DOCUMENT')),
    id_last4     text not null check (length(id_last4) = 4),
    id_hash      text not null,
    pincode      integer not null check (pincode between 110000 and 999999),
    district_id  integer not null references districts,
    created_at   timestamptz not null default now(),
    unique (id_type, id_hash)
);

create index beneficiaries_mobile_idx on beneficiaries (mobile);
