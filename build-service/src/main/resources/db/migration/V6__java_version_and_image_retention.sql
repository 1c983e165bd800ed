-- The Java a build's image runs on, decided at upload from the app's javaVersion or the JAR's class files
-- (ADR 0020); null for stacks without a JVM of ours, and for builds queued before the column (chosen at build time).
alter table build add column java_version integer;
-- When image retention removed the build's image (cloudunit.build.keep-images, ADR 0020); null while it exists.
alter table build add column image_removed_at timestamptz;
-- The collector reads an app's successful builds whose image is still there, newest first.
create index build_kept_images on build (tenant, app, number) where status = 'SUCCEEDED' and image_removed_at is null;
