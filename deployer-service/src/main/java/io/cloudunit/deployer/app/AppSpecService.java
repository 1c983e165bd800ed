package io.cloudunit.deployer.app;

import java.time.OffsetDateTime;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.release.ReleaseRepository;
import io.cloudunit.platform.events.AppEvent;
import io.cloudunit.platform.problem.Names;
import io.cloudunit.platform.purge.TenantPurgeLedger;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Keeps the app_spec projection; the rollout worker and the reconciler turn it into containers. */
@ApplicationScoped
public class AppSpecService {
    private static final Logger LOG = Logger.getLogger(AppSpecService.class);
    /** Apps that have releases but never got a spec are remembered as deleted too. */
    private static final String TOMBSTONES = """
            insert into app_spec (tenant, app, memory_mb, cpus, replicas, deleted, updated_at)
            select distinct tenant, app, 0, 0, 0, true, now() from release where tenant = :tenant
            on conflict do nothing""";

    private final AppSpecRepository specs;
    private final ReleaseRepository releases;
    private final TenantPurgeLedger purges;

    public AppSpecService(AppSpecRepository specs, ReleaseRepository releases, TenantPurgeLedger purges) {
        this.purges = purges;
        this.specs = specs;
        this.releases = releases;
    }

    /**
     * Ignored for a tenant being deleted (an app event may arrive after the deletion request, on its own topic).
     * Answers whether a live app's memory or cpus changed: its running release no longer has its resources.
     */
    @WithTransaction
    public Uni<Boolean> upsert(String tenant, String app, AppEvent.Spec spec) {
        return Uni.createFrom().item(() -> requireValid(tenant, app, spec))
                .chain(() -> purges.isDeleting(tenant))
                .chain(deleting -> {
                    if (deleting) {
                        LOG.debugf("tenant %s is being deleted: app event ignored", tenant);
                        return Uni.createFrom().item(false);
                    }
                    return store(tenant, app, spec);
                });
    }

    private Uni<Boolean> store(String tenant, String app, AppEvent.Spec spec) {
        return specs.find(tenant, app)
                .chain(existing -> {
                    if (existing == null) {
                        AppSpec row = AppSpec.of(tenant, app);
                        row.apply(spec);
                        return specs.persist(row).replaceWith(false);
                    }
                    boolean resized = !existing.deleted
                            && (existing.memoryMb != spec.memoryMb() || existing.cpus != spec.cpus());
                    Uni<AppSpec> current = existing.deleted
                            ? releases.latestVersion(tenant, app).invoke(existing::reincarnate).replaceWith(existing)
                            : Uni.createFrom().item(existing);
                    return current.invoke(row -> row.apply(spec))
                            .invoke(row -> LOG.debugf("app %s/%s: %d x %d MB, %.2f cpus", tenant, app, row.replicas,
                                    row.memoryMb, row.cpus))
                            .replaceWith(resized);
                });
    }

    @WithTransaction
    public Uni<Void> markDeleted(String tenant, String app) {
        return unlessDeleting(tenant, () -> specs.find(tenant, app).chain(row -> {
            if (row == null) {
                return specs.persist(AppSpec.tombstone(tenant, app)).replaceWithVoid();
            }
            row.markDeleted();
            return Uni.createFrom().voidItem();
        }));
    }

    /** A purged tenant keeps no row here; its apps are already deleted while the purge is pending. */
    private Uni<Void> unlessDeleting(String tenant, Supplier<Uni<Void>> change) {
        return purges.isDeleting(tenant).chain(deleting -> {
            if (deleting) {
                LOG.debugf("tenant %s is being deleted: app event ignored", tenant);
                return Uni.createFrom().voidItem();
            }
            return change.get();
        });
    }

    @WithTransaction
    public Uni<Void> markTenantDeleted(String tenant) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(TOMBSTONES).setParameter("tenant", tenant).executeUpdate())
                .chain(() -> specs.update("deleted = true, updatedAt = ?1 where tenant = ?2", OffsetDateTime.now(),
                        tenant))
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("tenant %s deleted: %d app(s) will be removed", tenant, n);
                    }
                })
                .replaceWithVoid();
    }

    /** A spec the deployer cannot run goes to the dead-letter topic with this reason instead of half-running. */
    private static AppEvent.Spec requireValid(String tenant, String app, AppEvent.Spec spec) {
        Names.requireDnsLabel("tenant", tenant);
        Names.requireDnsLabel("app", app);
        if (spec == null || spec.memoryMb() < 16 || spec.cpus() <= 0 || spec.replicas() < 0) {
            throw new IllegalArgumentException("unusable app spec " + spec
                    + ": memoryMb must be >= 16, cpus > 0 and replicas >= 0");
        }
        if (spec.healthPath() != null && !spec.healthPath().isBlank() && !spec.healthPath().startsWith("/")) {
            throw new IllegalArgumentException("healthPath must start with '/': " + spec.healthPath());
        }
        return spec;
    }
}
