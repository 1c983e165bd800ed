-- Crashes from the engine's event stream (ADR 0025). Every exit of an instance the platform did not cause is one
-- row, keyed by the container and the engine's FinishedAt of that exit, so that an exit seen twice (the event
-- stream reconnecting, a reconciler pass catching up after a deployer restart) is recorded and announced once.
create table if not exists instance_crash (
    container_id text not null,
    exited_at text not null,
    tenant text not null,
    app text not null,
    instance text not null,
    version integer not null,
    exit_code integer,
    oom_killed boolean not null default false,
    recorded_at timestamptz not null default now(),
    primary key (container_id, exited_at)
);
create index if not exists instance_crash_app on instance_crash (tenant, app, recorded_at);

-- An app whose serving release crashed too often within the window: the reconciler no longer relaunches it.
-- crashed_version: the release that crashed (a newer release serving clears the state); crashes_counted_from: a
-- start or restart action forgives earlier crashes. All nullable: other branches' inserts do not know them.
alter table app_spec add column if not exists crashed_at timestamptz;
alter table app_spec add column if not exists crashed_version integer;
alter table app_spec add column if not exists crash_reason text;
alter table app_spec add column if not exists crashes_counted_from timestamptz;
