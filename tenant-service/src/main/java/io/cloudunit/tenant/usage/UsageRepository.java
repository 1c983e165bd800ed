package io.cloudunit.tenant.usage;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.events.InstanceEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The running instances of each tenant, projected from {@code instance.*} events. */
@ApplicationScoped
public class UsageRepository {
    // The memory is the app's spec at the time the instance started (0 for an app this service no longer has).
    // Nothing is recorded for a tenant being deleted (or gone): its rows would outlive the deletion.
    private static final String UPSERT = """
            insert into instance_usage (tenant, app, instance, version, memory_mb, started_at)
            select :tenant, :app, :instance, :version,
                   coalesce((select memory_mb from apps where tenant = :tenant and name = :app), 0), now()
            where exists (select 1 from tenants where name = :tenant and deletion_requested_at is null)
            on conflict (tenant, app, instance) do update set version = excluded.version,
                    memory_mb = excluded.memory_mb""";
    private static final String REMOVE = """
            delete from instance_usage where tenant = :tenant and app = :app and instance = :instance""";
    private static final String TOTALS = """
            select count(*), coalesce(sum(memory_mb), 0) from instance_usage where tenant = :tenant""";

    public Uni<Void> started(InstanceEvent.Started event) {
        return Panache.getSession().chain(session -> session.createNativeQuery(UPSERT)
                .setParameter("tenant", event.tenant())
                .setParameter("app", event.app())
                .setParameter("instance", event.instance())
                .setParameter("version", event.version())
                .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> gone(InstanceEvent event) {
        return Panache.getSession().chain(session -> session.createNativeQuery(REMOVE)
                .setParameter("tenant", event.tenant())
                .setParameter("app", event.app())
                .setParameter("instance", event.instance())
                .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Totals> totals(String tenant) {
        return Panache.getSession().chain(session -> session.createNativeQuery(TOTALS, Object[].class)
                .setParameter("tenant", tenant)
                .getSingleResult())
                .map(row -> new Totals(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
    }

    public record Totals(long instances, long memoryMb) {
    }
}
