-- Plans and per-tenant quotas (ADR 0015). Every limit is a count or a size in MB, never negative.
create table plans (
    name                  text        primary key,
    max_apps              integer     not null check (max_apps >= 0),
    max_instances         integer     not null check (max_instances >= 0),
    total_memory_mb       integer     not null check (total_memory_mb >= 0),
    max_concurrent_builds integer     not null check (max_concurrent_builds >= 0),
    max_artifact_mb       integer     not null check (max_artifact_mb >= 0),
    max_config_vars       integer     not null check (max_config_vars >= 0),
    updated_at            timestamptz not null
);

-- Named plans a platform admin can assign and change (PUT /api/v1/plans/{name}). The plan "default" is
-- written from the configuration (cloudunit.tenant.quota.*) at every start of the service.
insert into plans values ('team', 25, 50, 16384, 4, 256, 200, now());
insert into plans values ('business', 100, 200, 65536, 8, 1024, 500, now());

-- A tenant's plan and its overrides; a tenant without a row (or with plan null) has the default plan, and a
-- null limit takes the plan's value. Kept apart from "tenants" so that inserting a tenant needs nothing here.
create table tenant_quotas (
    tenant                text        primary key references tenants (name) on delete cascade,
    plan                  text        references plans (name),
    max_apps              integer     check (max_apps >= 0),
    max_instances         integer     check (max_instances >= 0),
    total_memory_mb       integer     check (total_memory_mb >= 0),
    max_concurrent_builds integer     check (max_concurrent_builds >= 0),
    max_artifact_mb       integer     check (max_artifact_mb >= 0),
    max_config_vars       integer     check (max_config_vars >= 0),
    updated_at            timestamptz not null
);
create index tenant_quotas_plan on tenant_quotas (plan);
