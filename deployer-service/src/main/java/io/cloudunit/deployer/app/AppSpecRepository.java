package io.cloudunit.deployer.app;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AppSpecRepository implements PanacheRepositoryBase<AppSpec, AppSpec.Key> {

    public Uni<AppSpec> find(String tenant, String app) {
        return findById(new AppSpec.Key(tenant, app));
    }

    public Uni<List<AppSpec>> ofTenant(String tenant) {
        return list("tenant", tenant);
    }

    public Uni<List<AppSpec>> all() {
        return listAll();
    }
}
