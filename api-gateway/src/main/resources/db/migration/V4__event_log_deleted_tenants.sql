-- The log of a deleted tenant is removed once tenant.deleted was streamed (ADR 13): finding those events must not
-- scan the whole log, so they get a partial index (it stays nearly empty: they are removed with their tenant).
create index event_log_tenant_deleted on event_log (seq) where type = 'io.cloudunit.tenant.deleted';
