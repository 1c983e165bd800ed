-- Exits caused by the engine shutting down are recorded (so that a later sighting is the same exit) but are not
-- crashes: they neither count towards the crash-loop limit nor delay a relaunch (ADR 0025, amended).
alter table instance_crash add column engine_stop boolean not null default false;
