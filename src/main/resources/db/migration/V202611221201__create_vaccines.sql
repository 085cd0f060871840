-- Why: the vaccine catalogue drives eligibility (age) and the second dose (interval). A state
-- admin edits it, so it lives in the database, not in code. Intervals are in days after dose 1;
-- max_interval_days is null where no upper bound is set.

create table vaccines (
    code              text primary key check (code ~ '^[A-Z0-9_]{2,20}$'),
    name              text not null,
    name_hi           text not null,
    doses             smallint not null check (doses between 1 and 5),
    min_interval_days smallint check (min_interval_days between 1 and 365),
    max_interval_days smallint check (max_interval_days between 1 and 365),
    min_age           smallint not null check (min_age between 0 and 120),
    max_age           smallint check (max_age between 0 and 120),
    updated_at        timestamptz not null default now(),
    updated_by        text,
    check (max_interval_days is null or max_interval_days >= min_interval_days),
    check (max_age is null or max_age >= min_age),
    check (doses = 1 or min_interval_days is not null)
);

insert into vaccines (code, name, name_hi, doses, min_interval_days, max_interval_days, min_age, max_age) values
    ('COVAXIN',    'Covaxin',    'कोवैक्सिन',   2, 28, 42,  18, null),
    ('COVISHIELD', 'Covishield', 'कोविशील्ड',   2, 84, 112, 18, null),
    ('CORBEVAX',   'Corbevax',   'कॉर्बेवैक्स', 2, 28, null, 12, null);
