-- Why: Spring Modulith's event publication registry. An event between modules (a place came
-- free, sessions were planned) is stored in the transaction that caused it and marked complete
-- when its listener has run, so a crash between the two does not lose it; outstanding events are
-- published again at start-up. Schema as Spring Modulith 2 ships it for PostgreSQL.

create table event_publication (
    id                     uuid not null primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    integer,
    last_resubmission_date timestamptz
);

create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
