-- Whether a release of the app that never gets healthy is followed by an automatic rollback to the release that
-- served before it (ADR 0027). Default false: rows written without it keep today's behaviour (the previous release
-- keeps serving, nothing new is released).
alter table apps add column auto_rollback boolean not null default false;
