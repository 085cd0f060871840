-- Why: staff sign in with a password (stored only as an adaptive hash) and act within one scope:
-- a state, a district or a center. The scope columns that a role needs are required by CHECKs, so
-- a district admin without a district cannot exist. failed_logins and locked_until throttle
-- password guessing per account.

create table staff_users (
    id            bigint generated always as identity primary key,
    username      text not null check (username ~ '^[a-z0-9._-]{3,40}$'),
    password_hash text not null,
    display_name  text not null,
    role          text not null check (role in ('STATE_ADMIN', 'DISTRICT_ADMIN', 'CENTER_MANAGER', 'VACCINATOR', 'HELPDESK_AGENT')),
    state_id      integer not null references states,
    district_id   integer references districts,
    center_id     integer references centers,
    failed_logins integer not null default 0,
    locked_until  timestamptz,
    created_at    timestamptz not null default now(),
    check (role not in ('DISTRICT_ADMIN', 'CENTER_MANAGER', 'VACCINATOR') or district_id is not null),
    check (role not in ('CENTER_MANAGER', 'VACCINATOR') or center_id is not null)
);

create unique index staff_users_username_idx on staff_users (username);
