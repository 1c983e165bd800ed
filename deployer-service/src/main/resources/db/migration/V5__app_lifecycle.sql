-- Lifecycle actions (ADR 0023). A stopped app keeps its spec and releases but runs no instance; the flag is the
-- deployer's own desired state (tenant-service's app spec knows nothing of it), so it survives deployer restarts.
alter table app_spec add column if not exists stopped boolean not null default false;

-- A deployment either rolls a release out (ROLLOUT) or replaces the serving release's instances one by one
-- (RESTART, from POST …/actions/restart). Rows written by code that predates the column are rollouts.
alter table deployment add column if not exists kind text not null default 'ROLLOUT';
alter table deployment drop constraint if exists deployment_kind_check;
alter table deployment add constraint deployment_kind_check check (kind in ('ROLLOUT', 'RESTART'));
