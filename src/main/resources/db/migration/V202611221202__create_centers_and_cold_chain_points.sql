-- Why: vaccination centers are what citizens search and book; their ids are public (CoWIN's
-- center_id), so they are plain integers that never change. Cold-chain points (district store,
-- hospital store, ice-lined refrigerator) are where vaccine stock will live.

create table centers (
    id            integer generated always as identity (start with 560001) primary key,
    name          text not null check (length(name) between 2 and 120),
    name_hi       text check (length(name_hi) <= 120),
    address       text not null check (length(address) between 2 and 300),
    address_hi    text check (length(address_hi) <= 300),
    block_name    text not null check (length(block_name) between 1 and 80),
    block_name_hi text check (length(block_name_hi) <= 80),
    state_id      integer not null references states,
    district_id   integer not null references districts,
    pincode       integer not null check (pincode between 110000 and 999999),
    latitude      numeric(8, 5) not null check (latitude between 6 and 38),
    longitude     numeric(8, 5) not null check (longitude between 68 and 98),
    fee_type      text not null check (fee_type in ('FREE', 'PAID')),
    opens_at      time not null,
    closes_at     time not null,
    created_at    timestamptz not null default now(),
    check (opens_at < closes_at)
);

create index centers_district_idx on centers (district_id);
create index centers_pincode_idx on centers (pincode);

create table center_vaccine_fees (
    center_id    integer not null references centers on delete cascade,
    vaccine_code text not null references vaccines,
    fee          numeric(8, 2) not null check (fee > 0 and fee <= 10000),
    primary key (center_id, vaccine_code)
);

create table cold_chain_points (
    id          integer generated always as identity primary key,
    kind        text not null check (kind in ('DISTRICT_STORE', 'HOSPITAL_STORE', 'ILR')),
    name        text not null check (length(name) between 2 and 120),
    state_id    integer not null references states,
    district_id integer not null references districts,
    center_id   integer references centers,
    created_at  timestamptz not null default now(),
    check (kind <> 'ILR' or center_id is not null)
);

create index cold_chain_points_district_idx on cold_chain_points (district_id);
