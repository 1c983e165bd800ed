-- Events are stored as they arrive (seq) but streamed in causal order (position): an event that arrives
-- before one it follows waits, position null, until that one is there (or a bound passes).
alter table event_log add column sequence bigint, add column after_sequences text, add column position bigint;
update event_log set position = seq;
create sequence event_position;
select setval('event_position', (select coalesce(max(seq), 0) + 1 from event_log), false);
create unique index event_log_position on event_log (position);
create index event_log_tenant_position on event_log (tenant, position);
create index event_log_waiting on event_log (seq) where position is null;
