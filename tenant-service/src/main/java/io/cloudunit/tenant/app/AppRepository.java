package io.cloudunit.tenant.app;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.events.AppEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AppRepository implements PanacheRepository<App> {
    /** The unique key on (tenant, name), reported when an app name is taken in its tenant. */
    static final String NAME_KEY = "apps_tenant_name_key";

    private static final String DEMAND = """
            select count(*), coalesce(sum(replicas), 0), coalesce(sum(replicas * memory_mb), 0)
            from apps where tenant = :tenant""";

    public Uni<App> find(String tenant, String name) {
        return find("tenant = ?1 and name = ?2", tenant, name).firstResult();
    }

    public Uni<List<App>> ofTenant(String tenant) {
        return list("tenant", Sort.by("name"), tenant);
    }

    public Uni<Long> countOf(String tenant) {
        return count("tenant", tenant);
    }

    /** What the tenant's apps ask for, all together (the spec, not what runs now). */
    public Uni<Demand> demandOf(String tenant) {
        return getSession().chain(session -> session.createNativeQuery(DEMAND, Object[].class)
                .setParameter("tenant", tenant).getSingleResult())
                .map(row -> new Demand(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                        ((Number) row[2]).longValue()));
    }

    /** Apps, their replicas, and replicas × memoryMb, summed over a tenant's apps. */
    public record Demand(long apps, long instances, long memoryMb) {
        public static Demand of(AppEvent.Spec spec) {
            return new Demand(1, spec.replicas(), (long) spec.replicas() * spec.memoryMb());
        }

        public Demand plus(Demand other) {
            return new Demand(apps + other.apps, instances + other.instances, memoryMb + other.memoryMb);
        }

        public Demand minus(Demand other) {
            return new Demand(apps - other.apps, instances - other.instances, memoryMb - other.memoryMb);
        }
    }
}
