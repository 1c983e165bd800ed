-- The deployer's desired state. Actual state lives in Docker (containers labelled io.cloudunit.*).

-- Projection of tenant-service's app specs, kept from app.* events. A deleted app keeps its row
-- (deleted = true) so that its containers are removed and its pending deployments fail; an app
-- re-created under the same name starts a new incarnation whose releases are numbered from
-- first_version on (older releases belong to the deleted app and are never run again).
create table app_spec (
    tenant      text             not null,
    app         text             not null,
    stack       text,
    memory_mb   integer          not null,
    cpus        double precision not null,
    replicas    integer          not null,
    health_path text,
    deleted       boolean          not null default false,
    first_version integer          not null default 1,
    updated_at  timestamptz      not null,
    primary key (tenant, app)
);

create table release (
    id         uuid        primary key,
    tenant     text        not null,
    app        text        not null,
    version    integer     not null,
    build_id   uuid        not null,
    image      text        not null,
    reason     text        not null,
    created_at timestamptz not null,
    unique (tenant, app, version)
);
create index release_build on release (build_id);

create table deployment (
    id          uuid        primary key,
    tenant      text        not null,
    app         text        not null,
    version     integer     not null,
    status      text        not null check (status in ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    reason      text,
    created_at  timestamptz not null,
    started_at  timestamptz,
    finished_at timestamptz,
    foreign key (tenant, app, version) references release (tenant, app, version)
);
create index deployment_active on deployment (created_at) where status in ('PENDING', 'RUNNING');
create index deployment_app on deployment (tenant, app, status);

-- The instances currently serving (or known to the reconciler), one row per container.
create table instance (
    name       text        primary key,
    tenant     text        not null,
    app        text        not null,
    version    integer     not null,
    address    text,
    host_port  integer,
    healthy    boolean     not null,
    state      text        not null,
    started_at timestamptz not null
);
create index instance_app on instance (tenant, app);
