package io.cloudunit.deployer.purge;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.app.AppSpecRepository;
import io.cloudunit.deployer.instance.InstanceRepository;
import io.cloudunit.deployer.instance.InstanceService;
import io.cloudunit.deployer.release.ReleaseRepository;
import io.cloudunit.deployer.rollout.DeploymentRepository;
import io.cloudunit.deployer.rollout.DeploymentStatus;
import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The purge state of tenants being deleted; its last step deletes the rows and answers tenant.purged. */
@ApplicationScoped
public class TenantPurges {
    public static final String SERVICE = "deployer-service";
    private static final Logger LOG = Logger.getLogger(TenantPurges.class);
    /** Every app the deployer knows of the tenant, whatever table names it. */
    private static final String APPS = """
            select app from app_spec where tenant = :tenant
            union select app from release where tenant = :tenant
            union select app from deployment where tenant = :tenant
            union select app from instance where tenant = :tenant""";

    private final TenantPurgeRepository purges;
    private final AppSpecRepository specs;
    private final ReleaseRepository releases;
    private final DeploymentRepository deployments;
    private final InstanceRepository instanceRows;
    private final InstanceService instances;
    private final Outbox outbox;

    public TenantPurges(TenantPurgeRepository purges, AppSpecRepository specs, ReleaseRepository releases,
            DeploymentRepository deployments, InstanceRepository instanceRows, InstanceService instances,
            Outbox outbox) {
        this.purges = purges;
        this.specs = specs;
        this.releases = releases;
        this.deployments = deployments;
        this.instanceRows = instanceRows;
        this.instances = instances;
        this.outbox = outbox;
    }

    /** In the consumer's transaction. A request for a tenant purged before reopens its purge (answered again). */
    @WithTransaction
    public Uni<Void> request(String tenant, String requestedBy) {
        return purges.lock(tenant).chain(existing -> {
            if (existing == null) {
                LOG.infof("tenant %s is being deleted (requested by %s): purging it", tenant, requestedBy);
                return purges.persist(TenantPurge.requested(tenant, requestedBy)).replaceWithVoid();
            }
            if (existing.isDone()) {
                existing.reopen(requestedBy);
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** A tenant created again under a purged tenant's name starts afresh; a pending purge is never forgotten. */
    @WithTransaction
    public Uni<Void> forgetDone(String tenant) {
        return purges.delete("tenant = ?1 and doneAt is not null", tenant).replaceWithVoid();
    }

    /** Whether the tenant's deletion was requested (pending or done): nothing new may start for it. */
    @WithSession
    public Uni<Boolean> isDeleting(String tenant) {
        return purges.count("tenant", tenant).map(n -> n > 0);
    }

    @WithSession
    public Uni<List<String>> pending() {
        return purges.pendingTenants();
    }

    @WithSession
    public Uni<List<String>> appsOf(String tenant) {
        return Panache.getSession().chain(session -> session.createNativeQuery(APPS, String.class)
                .setParameter("tenant", tenant)
                .getResultList());
    }

    @WithTransaction
    public Uni<Void> failed(String tenant, String error) {
        return purges.lock(tenant).invoke(purge -> {
            if (purge != null) {
                purge.failed(error);
            }
        }).replaceWithVoid();
    }

    /**
     * The last step, one transaction: every row of the tenant is deleted (instance rows still there are announced
     * stopped), the purge is done and tenant.purged is in the outbox. Refused while a rollout of the tenant runs.
     */
    @WithTransaction
    public Uni<Void> finish(String tenant) {
        return purges.lock(tenant).chain(purge -> {
            if (purge == null || purge.isDone()) {
                return Uni.createFrom().voidItem();
            }
            return deployments.count("tenant = ?1 and status = ?2", tenant, DeploymentStatus.RUNNING)
                    .chain(running -> running > 0
                            ? Uni.createFrom().failure(new IllegalStateException(
                                    "a rollout of the tenant is still running"))
                            : deleteRows(tenant))
                    .invoke(purge::done)
                    .chain(() -> outbox.publish(new TenantEvent.Purged(tenant, SERVICE)))
                    .invoke(() -> LOG.infof("tenant %s purged", tenant))
                    .replaceWithVoid();
        });
    }

    private Uni<Void> deleteRows(String tenant) {
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
                .replaceWithVoid();
    }
}
