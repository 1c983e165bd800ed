-- Builds of the build-service (schema "build"). Numbers are per app, starting at 1.
create table build (
    id              uuid        primary key,
    tenant          text        not null,
    app             text        not null,
    number          bigint      not null,
    stack           text        not null,
    artifact_sha256 text        not null check (artifact_sha256 ~ '^[0-9a-f]{64}$'),
    status          text        not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED')),
    image           text,
    image_id        text,
    reason          text,
    created_at      timestamptz not null,
    started_at      timestamptz,
    finished_at     timestamptz,
    unique (tenant, app, number)
);
create index build_queued on build (created_at) where status = 'QUEUED';
create index build_running on build (tenant) where status = 'RUNNING';

-- The output of each build, line by line, written while it runs.
create table build_log (
    id         bigserial   primary key,
    build_id   uuid        not null references build (id) on delete cascade,
    seq        int         not null,
    line       text        not null,
    logged_at  timestamptz not null,
    unique (build_id, seq)
);
