package io.cloudunit.build.purge;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.build.build.BuildRepository;
import io.cloudunit.platform.purge.TenantPurgeLedger;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** What the purger needs to know of a tenant's builds, and its last step: their rows go and the purge is done. */
@ApplicationScoped
public class TenantBuilds {
    private static final Logger LOG = Logger.getLogger(TenantBuilds.class);

    private final BuildRepository builds;
    private final TenantPurgeLedger ledger;

    public TenantBuilds(BuildRepository builds, TenantPurgeLedger ledger) {
        this.builds = builds;
        this.ledger = ledger;
    }

    @WithSession
    public Uni<List<UUID>> ids(String tenant) {
        return builds.idsOfTenant(tenant);
    }

    /** Artifacts only this tenant's builds reference: no other tenant's build needs the file. */
    @WithSession
    public Uni<List<String>> unsharedArtifacts(String tenant) {
        return builds.artifactsOnlyOf(tenant);
    }

    /**
     * One transaction: the tenant's builds (their logs cascade) are deleted, the purge is done and tenant.purged
     * is in the outbox. Refused while a build of the tenant is still queued or running.
     */
    public Uni<Void> finishPurge(String tenant) {
        return ledger.finish(tenant, () -> builds.lockActiveOfTenant(tenant).chain(active -> {
            if (!active.isEmpty()) {
                return Uni.createFrom().failure(new IllegalStateException(active.size()
                        + " build(s) of the tenant are still queued or running"));
            }
            return builds.delete("tenant", tenant)
                    .invoke(n -> LOG.infof("tenant %s: %d build(s) deleted", tenant, n))
                    .replaceWithVoid();
        }));
    }
}
