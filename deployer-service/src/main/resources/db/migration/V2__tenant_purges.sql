-- Tenants being deleted (tenant.deletion-requested). From the request on, the tenant's apps count as deleted,
-- build.succeeded and app.* events for it are ignored and no rollout of it starts; the reconciler removes its
-- containers (and its network, when this deployer created it), then deletes its rows, marks the purge done and
-- emits tenant.purged in one transaction. The row stays (later events stay ignored) until a tenant of the same
-- name is created again.
create table tenant_purge (
    tenant       text        primary key,
    requested_by text,
    requested_at timestamptz not null,
    done_at      timestamptz,
    attempts     integer     not null default 0,
    last_error   text
);
create index tenant_purge_pending on tenant_purge (requested_at) where done_at is null;
