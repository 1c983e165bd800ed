package io.cloudunit.deployer.instance;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class InstanceRepository implements PanacheRepositoryBase<Instance, String> {

    public Uni<List<Instance>> ofApp(String tenant, String app) {
        return list("tenant = ?1 and app = ?2", Sort.by("version").and("name"), tenant, app);
    }

    public Uni<List<Instance>> ofRelease(String tenant, String app, int version) {
        return list("tenant = ?1 and app = ?2 and version = ?3", Sort.by("name"), tenant, app, version);
    }

    public Uni<List<Instance>> serving() {
        return list("healthy = true", Sort.by("tenant").and("app").and("name"));
    }

    public Uni<List<Instance>> all() {
        return listAll();
    }
}
