-- Tenant deletion (ADR 12, ADR 13): the tenant is marked while the other services purge their data, and each
-- service's tenant.purged answer is recorded. Nullable columns: code of other branches inserts tenants without them.
alter table tenants
    add column deletion_requested_at timestamptz,
    add column deletion_requested_by text,
    -- when tenant.deletion-requested was last emitted: asked again when answers stay missing for too long
    add column deletion_announced_at timestamptz;
-- The timer looks only at the tenants being deleted.
create index tenants_being_deleted on tenants (deletion_requested_at) where deletion_requested_at is not null;

-- One row per service that answered tenant.purged for a tenant being deleted; deleted with the tenant.
create table tenant_deletion_confirmations (
    tenant       text        not null references tenants (name) on delete cascade,
    service      text        not null,
    confirmed_at timestamptz not null,
    primary key (tenant, service)
);
