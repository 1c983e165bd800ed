package io.cloudunit.tenant.app;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AppRepository implements PanacheRepository<App> {
    /** The unique key on (tenant, name), reported when an app name is taken in its tenant. */
    static final String NAME_KEY = "apps_tenant_name_key";

    public Uni<App> find(String tenant, String name) {
        return find("tenant = ?1 and name = ?2", tenant, name).firstResult();
    }

    public Uni<List<App>> ofTenant(String tenant) {
        return list("tenant", Sort.by("name"), tenant);
    }

    public Uni<Long> countOf(String tenant) {
        return count("tenant", tenant);
    }
}
