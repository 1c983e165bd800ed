-- ADR 0027. app_spec.auto_rollback: the app's choice (from app.* events) whether a release that never gets healthy
-- is followed by a new release of the one that served before it. release.automatic_rollback: the release is such
-- an automatic rollback; when it fails too, nothing is rolled back again (no loop). Both default false, so rows
-- written by code without them mean what they meant before.
alter table app_spec add column if not exists auto_rollback boolean not null default false;
alter table release add column if not exists automatic_rollback boolean not null default false;
