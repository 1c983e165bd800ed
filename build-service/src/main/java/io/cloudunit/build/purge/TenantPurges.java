package io.cloudunit.build.purge;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.build.build.BuildRepository;
import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.cloudunit.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The purge state of tenants being deleted, each change in one transaction (with tenant.purged at the end). */
@ApplicationScoped
public class TenantPurges {
    public static final String SERVICE = "build-service";
    private static final Logger LOG = Logger.getLogger(TenantPurges.class);

    private final TenantPurgeRepository purges;
    private final BuildRepository builds;
    private final Outbox outbox;

    public TenantPurges(TenantPurgeRepository purges, BuildRepository builds, Outbox outbox) {
        this.purges = purges;
        this.builds = builds;
        this.outbox = outbox;
    }

    /** In the consumer's transaction: from its commit on, no upload is accepted and no build of the tenant starts. */
    @WithTransaction
    public Uni<Void> request(String tenant, String requestedBy) {
        return purges.lock(tenant).chain(existing -> {
            if (existing == null) {
                LOG.infof("tenant %s is being deleted (requested by %s): purging its builds", tenant, requestedBy);
                return purges.persist(TenantPurge.requested(tenant, requestedBy)).replaceWithVoid();
            }
            if (existing.isDone()) {
                existing.reopen(requestedBy);
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** A tenant created again under a purged tenant's name starts afresh. A pending purge is never forgotten. */
    @WithTransaction
    public Uni<Void> forgetDone(String tenant) {
        return purges.delete("tenant = ?1 and doneAt is not null", tenant).replaceWithVoid();
    }

    @WithSession
    public Uni<Boolean> isDeleting(String tenant) {
        return purges.count("tenant", tenant).map(n -> n > 0);
    }

    /** Fails with 409 when the tenant is being (or was) deleted; within the caller's session. */
    public Uni<Void> requireNotDeleting(String tenant) {
        return purges.count("tenant", tenant).chain(n -> n > 0
                ? Uni.createFrom().failure(beingDeleted(tenant))
                : Uni.createFrom().voidItem());
    }

    public static ProblemException beingDeleted(String tenant) {
        return ProblemException.conflict("tenant '" + tenant + "' is being deleted");
    }

    @WithSession
    public Uni<List<String>> pending() {
        return purges.pendingTenants();
    }

    @WithSession
    public Uni<List<UUID>> buildIds(String tenant) {
        return builds.idsOfTenant(tenant);
    }

    /** Artifacts only this tenant's builds reference: no other tenant's build needs the file. */
    @WithSession
    public Uni<List<String>> unsharedArtifacts(String tenant) {
        return builds.artifactsOnlyOf(tenant);
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
     * The last step, one transaction: the tenant's builds (their logs cascade) are deleted, the purge is done and
     * tenant.purged is in the outbox. Refused while a build of the tenant is still queued or running.
     */
    @WithTransaction
    public Uni<Void> finish(String tenant) {
        return purges.lock(tenant).chain(purge -> {
            if (purge == null || purge.isDone()) {
                return Uni.createFrom().voidItem();
            }
            return builds.lockActiveOfTenant(tenant).chain(active -> {
                if (!active.isEmpty()) {
                    return Uni.createFrom().failure(new IllegalStateException(active.size()
                            + " build(s) of the tenant are still queued or running"));
                }
                return builds.delete("tenant", tenant)
                        .invoke(n -> LOG.infof("tenant %s purged: %d build(s) deleted", tenant, n))
                        .invoke(purge::done)
                        .chain(() -> outbox.publish(new TenantEvent.Purged(tenant, SERVICE)))
                        .replaceWithVoid();
            });
        });
    }
}
