-- Tenants being deleted (tenant.deletion-requested): from the request on, uploads are refused and no build of
-- the tenant is started; the purge worker removes its builds, logs, artifacts and images, then marks the row
-- done and emits tenant.purged in the same transaction. The row stays afterwards (uploads stay refused) until
-- a tenant of the same name is created again.
create table tenant_purge (
    tenant       text        primary key,
    requested_by text,
    requested_at timestamptz not null,
    done_at      timestamptz,
    attempts     integer     not null default 0,
    last_error   text
);
create index tenant_purge_pending on tenant_purge (requested_at) where done_at is null;
