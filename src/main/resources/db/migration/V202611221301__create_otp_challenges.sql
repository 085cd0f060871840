-- Why: citizen sign-in by mobile OTP. The code is stored only as a keyed hash; attempts and
-- consumed_at make it single-use with a bounded number of guesses. Rows by mobile and by client
-- address over a day give the quotas. client_ip is text so a proxy's value is kept as given.

create table otp_challenges (
    id          uuid primary key,
    mobile      char(10) not null check (mobile ~ '^[6-9][0-9]{9}$'),
    code_hash   text not null,
    expires_at  timestamptz not null,
    attempts    smallint not null default 0 check (attempts >= 0),
    consumed_at timestamptz,
    client_ip   text,
    created_at  timestamptz not null default now()
);

create index otp_challenges_mobile_idx on otp_challenges (mobile, created_at);
create index otp_challenges_ip_idx on otp_challenges (client_ip, created_at);
