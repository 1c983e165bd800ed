-- Tenants being deleted (tenant.deletion-requested, ADR 12), written by TenantPurgeLedger: pending until the
-- service removed everything of the tenant, then done (tenant.purged emitted in the same transaction). The row
-- stays afterwards (the tenant stays refused) until a tenant of the same name is created again. Every service
-- gets the table; only those holding tenant data write to it.
-- "if not exists": build-service and deployer-service created this table in their own V2 before it moved here.
create table if not exists tenant_purge (
    tenant       text        primary key,
    requested_by text,
    requested_at timestamptz not null,
    done_at      timestamptz,
    attempts     integer     not null default 0,
    last_error   text
);
create index if not exists tenant_purge_pending on tenant_purge (requested_at) where done_at is null;
