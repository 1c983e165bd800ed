-- Projection of tenant.suspended / tenant.reinstated (ADR 0014): a row while the tenant is suspended. The
-- reconciler wants nothing running for it, and its pending deployments are not started until it is reinstated.
create table tenant_suspension (
    tenant       text        primary key,
    reason       text        not null,
    suspended_at timestamptz not null
);
