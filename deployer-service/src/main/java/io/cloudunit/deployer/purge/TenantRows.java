package io.cloudunit.deployer.purge;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.deployer.app.AppSpecRepository;
import io.cloudunit.deployer.instance.InstanceRepository;
import io.cloudunit.deployer.instance.InstanceService;
import io.cloudunit.deployer.release.BuildStatusRepository;
import io.cloudunit.deployer.release.ReleaseRepository;
import io.cloudunit.deployer.rollout.DeploymentRepository;
import io.cloudunit.deployer.rollout.DeploymentStatus;
import io.cloudunit.platform.purge.TenantPurgeLedger;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The deployer's rows of a tenant being deleted: the apps they name, and the purge's last step that deletes them. */
@ApplicationScoped
public class TenantRows {
    /** Every app the deployer knows of the tenant, whatever table names it. */
    private static final String APPS = """
            select app from app_spec where tenant = :tenant
            union select app from release where tenant = :tenant
            union select app from deployment where tenant = :tenant
            union select app from instance where tenant = :tenant""";

    private final TenantPurgeLedger ledger;
    private final AppSpecRepository specs;
    private final ReleaseRepository releases;
    private final DeploymentRepository deployments;
    private final InstanceRepository instanceRows;
    private final InstanceService instances;
    private final BuildStatusRepository builds;

    public TenantRows(TenantPurgeLedger ledger, AppSpecRepository specs, ReleaseRepository releases,
            DeploymentRepository deployments, InstanceRepository instanceRows, InstanceService instances,
            BuildStatusRepository builds) {
        this.builds = builds;
        this.ledger = ledger;
        this.specs = specs;
        this.releases = releases;
        this.deployments = deployments;
        this.instanceRows = instanceRows;
        this.instances = instances;
    }

    @WithSession
    public Uni<List<String>> appsOf(String tenant) {
        return Panache.getSession().chain(session -> session.createNativeQuery(APPS, String.class)
                .setParameter("tenant", tenant)
                .getResultList());
    }

    /**
     * One transaction: every row of the tenant is deleted (instance rows still there are announced stopped), the
     * purge is done and tenant.purged is in the outbox. Refused while a rollout of the tenant runs.
     */
    public Uni<Void> finishPurge(String tenant) {
        return ledger.finish(tenant, () -> deployments.count("tenant = ?1 and status = ?2", tenant,
                DeploymentStatus.RUNNING)
                .chain(running -> running > 0
                        ? Uni.createFrom().failure(new IllegalStateException(
                                "a rollout of the tenant is still running"))
                        : delete(tenant)));
    }

    private Uni<Void> delete(String tenant) {
        return instanceRows.list("tenant", tenant)
                .chain(rows -> {
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (var row : rows) {
                        all = all.chain(() -> instances.stopped(tenant, row.app,
                                List.of(new InstanceService.Stopped(row.name, row.version))));
                    }
                    return all;
                })
                .chain(() -> deployments.delete("tenant", tenant))
                .chain(() -> releases.delete("tenant", tenant))
                .chain(() -> specs.delete("tenant", tenant))
                .chain(() -> builds.delete("tenant", tenant))
                .chain(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("delete from instance_crash where tenant = :tenant")
                        .setParameter("tenant", tenant).executeUpdate()))
                .replaceWithVoid();
    }
}
