package io.cloudunit.tenant.plan;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.events.QuotaEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PlanRepository implements PanacheRepositoryBase<Plan, String> {
    private static final String UPSERT = """
            insert into plans (name, max_apps, max_instances, total_memory_mb, max_concurrent_builds,
                    max_artifact_mb, max_config_vars, updated_at)
            values (:name, :maxApps, :maxInstances, :totalMemoryMb, :maxConcurrentBuilds, :maxArtifactMb,
                    :maxConfigVars, now())
            on conflict (name) do update set max_apps = excluded.max_apps, max_instances = excluded.max_instances,
                    total_memory_mb = excluded.total_memory_mb,
                    max_concurrent_builds = excluded.max_concurrent_builds,
                    max_artifact_mb = excluded.max_artifact_mb, max_config_vars = excluded.max_config_vars,
                    updated_at = excluded.updated_at""";

    public Uni<List<Plan>> all() {
        return listAll(Sort.by("name"));
    }

    /** Writes the plan whether it exists or not (no entity is loaded: safe outside a request's session). */
    public Uni<Void> upsert(String name, QuotaEvent.Limits limits) {
        return getSession().chain(session -> session.createNativeQuery(UPSERT)
                .setParameter("name", name)
                .setParameter("maxApps", limits.maxApps())
                .setParameter("maxInstances", limits.maxInstances())
                .setParameter("totalMemoryMb", limits.totalMemoryMb())
                .setParameter("maxConcurrentBuilds", limits.maxConcurrentBuilds())
                .setParameter("maxArtifactMb", limits.maxArtifactMb())
                .setParameter("maxConfigVars", limits.maxConfigVars())
                .executeUpdate())
                .replaceWithVoid();
    }
}
