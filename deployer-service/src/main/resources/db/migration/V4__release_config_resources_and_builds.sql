-- Releases carry what they run besides the image (ADR 0022): the app's config vars at the time the release was
-- made, sealed with AES-256-GCM under one of the deployer's keys (never a plain value at rest), and the
-- container resources. Who made the release and whether its image is gone from the engine are shown with it.
-- Every column is nullable: releases made before (or by code that does not know them) run with no config vars
-- and the app's current resources.
alter table release add column config_key_id    text;
alter table release add column config_nonce     bytea;
alter table release add column config_sealed    bytea;
alter table release add column memory_mb        integer;
alter table release add column cpus             double precision;
alter table release add column build_number     bigint;
alter table release add column actor            text;
alter table release add column rolled_back_from integer;
alter table release add column image_gone_at    timestamptz;

-- The last known status of every build of every app (from build.* events), so that deploying a chosen build can
-- tell a build that failed or is still running from one that does not exist in the app.
create table build_status (
    build_id   uuid        primary key,
    tenant     text        not null,
    app        text        not null,
    number     bigint      not null,
    status     text        not null,
    updated_at timestamptz not null
);
create index build_status_tenant on build_status (tenant);
