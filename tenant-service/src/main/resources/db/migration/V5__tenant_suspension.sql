-- Suspension by a platform admin (ADR 0014): set while the tenant is suspended, all null otherwise. Nullable, so
-- that code that does not know them (other branches sharing the database) still inserts tenants.
alter table tenants add column suspended_at      timestamptz;
alter table tenants add column suspended_by      text;
alter table tenants add column suspension_reason text;
