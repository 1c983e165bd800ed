-- Since when a serving instance has failed its liveness checks: the reconciler replaces one that stays unhealthy
-- for liveness-restart-after (ADR 0029, amended).
alter table instance add column unhealthy_since timestamp with time zone;
