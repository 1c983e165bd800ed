-- Every CloudEvent of every topic, in the order the gateway stored it: the source of SSE replays,
-- /events/history and (later) webhook deliveries. The unique id is the consumer's dedupe.
create table event_log (
    seq          bigserial   primary key,
    id           uuid        not null unique,
    tenant       text        not null,
    type         text        not null,
    source       text        not null,
    subject      text        not null,
    time         timestamptz not null,
    data         text        not null,
    received_at  timestamptz not null default now()
);
create index event_log_tenant_seq on event_log (tenant, seq);
