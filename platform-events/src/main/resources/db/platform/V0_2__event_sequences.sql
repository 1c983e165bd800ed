-- Numbers each tenant's events per source without gaps (the counter row is updated in the transaction
-- that writes the event, so a rollback gives its number back), and remembers the last event of each
-- other source this service consumed per tenant: the events it emits next causally follow those.
create table outbox_sequence (
    tenant       text   primary key,
    last_value   bigint not null
);

create table seen_sequence (
    tenant       text   not null,
    source       text   not null,
    last_value   bigint not null,
    primary key (tenant, source)
);

alter table outbox add column sequence bigint, add column after_sequences text;
