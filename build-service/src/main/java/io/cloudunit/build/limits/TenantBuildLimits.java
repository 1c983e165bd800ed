package io.cloudunit.build.limits;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.build.BuildConfig;
import io.cloudunit.platform.events.QuotaEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * build-service's projection of {@code quota.changed} (ADR 0018): a row of {@code tenant_build_limits} per tenant
 * that was told its limits; every other tenant is on the default plan, whose limits are configuration
 * ({@code cloudunit.build.default-plan.*}, the same values as tenant-service's). Each method joins the caller's
 * session or transaction, or opens its own.
 */
@ApplicationScoped
public class TenantBuildLimits {
    public static final String DEFAULT_PLAN = "default";
    private static final Logger LOG = Logger.getLogger(TenantBuildLimits.class);
    private static final String CHANGE = """
            insert into tenant_build_limits (tenant, plan, max_concurrent_builds, max_artifact_mb, changed_at)
            values (:tenant, :plan, :builds, :artifactMb, now())
            on conflict (tenant) do update set plan = excluded.plan,
              max_concurrent_builds = excluded.max_concurrent_builds, max_artifact_mb = excluded.max_artifact_mb,
              changed_at = excluded.changed_at""";
    private static final String FORGET = "delete from tenant_build_limits where tenant = :tenant";
    private static final String OF = """
            select plan, max_concurrent_builds, max_artifact_mb from tenant_build_limits where tenant = :tenant""";

    private final BuildLimits defaults;

    public TenantBuildLimits(BuildConfig config) {
        BuildConfig.DefaultPlan plan = config.defaultPlan();
        this.defaults = new BuildLimits(DEFAULT_PLAN, plan.maxConcurrentBuilds(), plan.maxArtifactMb());
    }

    /** The default plan's build limits, for tenants no {@code quota.changed} told about. */
    public BuildLimits defaults() {
        return defaults;
    }

    /** From the commit on, the tenant's builds and uploads are held to these limits. */
    public Uni<Void> change(QuotaEvent.Changed event) {
        QuotaEvent.Limits limits = event.limits();
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(CHANGE)
                        .setParameter("tenant", event.tenant())
                        .setParameter("plan", event.plan() == null ? DEFAULT_PLAN : event.plan())
                        .setParameter("builds", Math.max(0, limits.maxConcurrentBuilds()))
                        .setParameter("artifactMb", Math.max(0, limits.maxArtifactMb()))
                        .executeUpdate()))
                .invoke(() -> LOG.infof("tenant %s: plan %s, %d concurrent build(s), artifacts up to %d MiB",
                        event.tenant(), event.plan(), limits.maxConcurrentBuilds(), limits.maxArtifactMb()))
                .replaceWithVoid();
    }

    /**
     * On {@code tenant.created} and {@code tenant.deleted}: a new tenant of a name used before starts on the default
     * plan, as in tenant-service (its quota row went with the old tenant).
     */
    public Uni<Void> forget(String tenant) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(FORGET).setParameter("tenant", tenant).executeUpdate()))
                .replaceWithVoid();
    }

    /** The tenant's build limits now. */
    public Uni<BuildLimits> of(String tenant) {
        return Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(OF, Object[].class)
                        .setParameter("tenant", tenant)
                        .getResultList()))
                .map(this::fromRows);
    }

    private BuildLimits fromRows(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return defaults;
        }
        Object[] row = rows.get(0);
        return new BuildLimits((String) row[0], ((Number) row[1]).intValue(), ((Number) row[2]).intValue());
    }
}
