-- Why: every person vaccinated gets one lucky-draw card, and district admins run draws over the
-- cards that anyone can verify (commit-reveal, see docs/lucky-draw.md). The database, not the
-- code, guarantees one card per person, unique card numbers, a frozen eligible list per draw, and
-- that a draw goes ANNOUNCED -> DRAWN once (its seed and winners never change afterwards).

create table lucky_draw_cards (
    card_number    text primary key check (card_number ~ '^[1-9][0-9]{11}$'),
    beneficiary_id uuid not null unique,
    district_id    integer not null references districts,
    issued_on      date not null,
    dose_record_id uuid not null,
    created_at     timestamptz not null default now()
);

create index lucky_draw_cards_district_date_idx on lucky_draw_cards (district_id, issued_on);

create table lucky_draws (
    id             bigint generated always as identity primary key,
    district_id    integer not null references districts,
    from_date      date not null,
    to_date        date not null,
    winners_wanted integer not null check (winners_wanted > 0),
    eligible_count integer not null,
    list_sha256    text not null check (list_sha256 ~ '^[0-9a-f]{64}$'),
    seed_sha256    text not null check (seed_sha256 ~ '^[0-9a-f]{64}$'),
    seed           bytea not null check (octet_length(seed) = 32),
    status         text not null check (status in ('ANNOUNCED', 'DRAWN')),
    announced_by   bigint not null,
    announced_at   timestamptz not null default now(),
    drawn_by       bigint,
    drawn_at       timestamptz,
    check (from_date <= to_date),
    check (eligible_count >= winners_wanted),
    check ((status = 'DRAWN') = (drawn_at is not null))
);

create index lucky_draws_district_idx on lucky_draws (district_id, announced_at desc);

-- the eligible list as frozen at announcement, in its published (sorted) order
create table lucky_draw_entries (
    draw_id     bigint not null references lucky_draws,
    position    integer not null check (position >= 0),
    card_number text not null references lucky_draw_cards,
    primary key (draw_id, position),
    unique (draw_id, card_number)
);

create table lucky_draw_winners (
    draw_id     bigint not null references lucky_draws,
    rank        integer not null check (rank >= 1),
    card_number text not null,
    primary key (draw_id, rank),
    unique (draw_id, card_number),
    foreign key (draw_id, card_number) references lucky_draw_entries (draw_id, card_number)
);
