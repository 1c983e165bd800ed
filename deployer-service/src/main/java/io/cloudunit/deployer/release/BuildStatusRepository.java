package io.cloudunit.deployer.release;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class BuildStatusRepository implements PanacheRepositoryBase<BuildStatus, UUID> {
    private static final String UPSERT = """
            insert into build_status (build_id, tenant, app, number, status, updated_at)
            values (:id, :tenant, :app, :number, :status, now())
            on conflict (build_id) do update set status = excluded.status, updated_at = excluded.updated_at""";

    public Uni<Void> record(String tenant, String app, UUID buildId, long number, String status) {
        return Panache.getSession().chain(session -> session.createNativeQuery(UPSERT)
                .setParameter("id", buildId)
                .setParameter("tenant", tenant)
                .setParameter("app", app)
                .setParameter("number", number)
                .setParameter("status", status)
                .executeUpdate())
                .replaceWithVoid();
    }
}
