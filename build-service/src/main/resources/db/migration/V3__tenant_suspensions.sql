-- Projection of tenant.suspended / tenant.reinstated (ADR 0014): a row while the tenant is suspended. Its
-- uploads are refused and its queued builds are not started (they wait, and run once it is reinstated).
create table tenant_suspension (
    tenant       text        primary key,
    reason       text        not null,
    suspended_at timestamptz not null
);
