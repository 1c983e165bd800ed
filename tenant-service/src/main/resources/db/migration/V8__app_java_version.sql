-- The Java an app's builds run on (stack java: 17 or 25; tomcat: 17, its base's); null = chosen per build from
-- the class files of the upload (ADR 0020). Nullable: rows written without it keep the automatic choice.
alter table apps add column java_version integer check (java_version in (17, 25));
