package io.cloudunit.deployer.rollout;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DeploymentRepository implements PanacheRepositoryBase<Deployment, UUID> {

    /**
     * PENDING deployments a worker may start now: the app's spec is known (and the release is of its current
     * incarnation), nothing else of the app is rolling out, it is the app's oldest pending release, and its tenant is
     * not suspended (it waits for the reinstatement), and the app is not stopped (it waits for the start, ADR 0023).
     * Locked so that a second deployer skips them. The columns are named: a column added to the table by a later
     * migration must not break the entity mapping of this query.
     */
    private static final String CLAIMABLE = """
            select d.id, d.tenant, d.app, d.version, d.status, d.reason, d.created_at, d.started_at, d.finished_at,
                   d.kind
            from deployment d
            join app_spec s on s.tenant = d.tenant and s.app = d.app and not s.deleted and not s.stopped
            where d.status = 'PENDING' and d.version >= s.first_version
              and not exists (select 1 from tenant_suspension t where t.tenant = d.tenant)
              and not exists (select 1 from deployment o where o.tenant = d.tenant and o.app = d.app
                              and (o.status = 'RUNNING' or (o.status = 'PENDING' and o.version < d.version)))
            order by d.created_at
            limit :limit
            for update of d skip locked""";

    public Uni<List<Deployment>> claimable(int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CLAIMABLE, Deployment.class)
                .setParameter("limit", limit)
                .getResultList());
    }

    public Uni<Deployment> ofApp(String tenant, String app, UUID id) {
        return find("id = ?1 and tenant = ?2 and app = ?3", id, tenant, app).firstResult();
    }

    public Uni<List<Deployment>> allOfApp(String tenant, String app) {
        return list("tenant = ?1 and app = ?2", tenant, app);
    }

    public Uni<Integer> requeueRunning() {
        return update("status = ?1, startedAt = null where status = ?2", DeploymentStatus.PENDING,
                DeploymentStatus.RUNNING);
    }

    public Uni<List<Deployment>> activeOf(String tenant, String app) {
        return list("tenant = ?1 and app = ?2 and status in ?3", tenant, app,
                List.of(DeploymentStatus.PENDING, DeploymentStatus.RUNNING));
    }

    public Uni<List<Deployment>> active() {
        return list("status in ?1", List.of(DeploymentStatus.PENDING, DeploymentStatus.RUNNING));
    }
}
