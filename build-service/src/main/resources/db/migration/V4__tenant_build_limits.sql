-- Projection of quota.changed (ADR 0018): each tenant's build limits, its plan's after its overrides. A tenant
-- without a row is on the default plan, whose limits build-service has from its configuration
-- (cloudunit.build.default-plan.*). Forgotten on tenant.created and tenant.deleted.
create table tenant_build_limits (
    tenant                text        primary key,
    plan                  text        not null,
    max_concurrent_builds int         not null check (max_concurrent_builds >= 0),
    max_artifact_mb       int         not null check (max_artifact_mb >= 0),
    changed_at            timestamptz not null
);
-- The queue's round robin between tenants orders them by their latest start (BuildRepository.NEXT_QUEUED).
create index build_tenant_started on build (tenant, started_at);
