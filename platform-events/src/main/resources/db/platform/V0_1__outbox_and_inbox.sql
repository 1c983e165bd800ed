-- Shared by every service: lives in the service's own schema (Flyway default schema).
create table outbox (
    seq          bigserial primary key,
    id           uuid        not null unique,
    topic        text        not null,
    event_key    text        not null,
    type         text        not null,
    source       text        not null,
    subject      text        not null,
    tenant       text        not null,
    occurred_at  timestamptz not null,
    payload      text        not null,
    sent_at      timestamptz
);
create index outbox_unsent on outbox (seq) where sent_at is null;

create table inbox (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
