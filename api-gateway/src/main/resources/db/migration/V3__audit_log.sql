-- Every mutating call on a tenant (and every tenant creation), written by the gateway once it was answered.
-- Append-only: the code only inserts, and the table refuses to change or lose a row.
create table audit_log (
    id              bigserial   primary key,
    time            timestamptz not null,
    -- null when a tenant could not be created (no tenant exists to file it under)
    tenant          text,
    actor_id        text        not null,
    actor_username  text,
    action          text        not null,
    target          text        not null,
    -- null when the connection closed before any answer
    status          smallint,
    outcome         text        not null check (outcome in ('succeeded', 'failed', 'denied', 'aborted')),
    request_id      text        not null
);
create index audit_log_tenant_id on audit_log (tenant, id);

create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'gateway.audit_log is append-only: % is refused', tg_op
        using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_no_update_or_delete before update or delete on audit_log
    for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_refuse_change();
