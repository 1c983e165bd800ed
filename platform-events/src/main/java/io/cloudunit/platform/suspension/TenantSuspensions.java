package io.cloudunit.platform.suspension;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A service's projection of suspended tenants (ADR 14), kept from {@code tenant.suspended} and
 * {@code tenant.reinstated}: one row per suspended tenant in the service's own {@code tenant_suspension} table
 * (created by the service's migration; only services that refuse work on their own have one). Each method joins
 * the caller's session or transaction, or opens its own.
 */
@ApplicationScoped
public class TenantSuspensions {
    private static final Logger LOG = Logger.getLogger(TenantSuspensions.class);
    private static final String SUSPEND = """
            insert into tenant_suspension (tenant, reason, suspended_at) values (:tenant, :reason, now())
            on conflict (tenant) do update set reason = excluded.reason""";
    private static final String REINSTATE = "delete from tenant_suspension where tenant = :tenant";
    private static final String REASON = "select reason from tenant_suspension where tenant = :tenant";
    private static final String ALL = "select tenant from tenant_suspension order by tenant";

    /** From the commit on, nothing new of the tenant starts here. A second suspension only updates the reason. */
    public Uni<Void> suspend(String tenant, String reason) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(SUSPEND)
                        .setParameter("tenant", tenant)
                        .setParameter("reason", reason == null ? "" : reason)
                        .executeUpdate()))
                .invoke(() -> LOG.infof("tenant %s is suspended: %s", tenant, reason))
                .replaceWithVoid();
    }

    public Uni<Void> reinstate(String tenant) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(REINSTATE).setParameter("tenant", tenant)
                        .executeUpdate()))
                .invoke(removed -> {
                    if (removed > 0) {
                        LOG.infof("tenant %s is reinstated", tenant);
                    }
                })
                .replaceWithVoid();
    }

    /**
     * On {@code tenant.created} and {@code tenant.deleted}: a row left by a tenant of the same name (suspended when
     * it was deleted) must not suspend the new one.
     */
    public Uni<Void> forget(String tenant) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(REINSTATE).setParameter("tenant", tenant)
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /** The reason of the tenant's suspension, empty when it is not suspended. */
    public Uni<Optional<String>> reasonOf(String tenant) {
        return Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(REASON, String.class)
                        .setParameter("tenant", tenant)
                        .getResultList()))
                .map(rows -> rows.stream().findFirst());
    }

    public Uni<Boolean> isSuspended(String tenant) {
        return reasonOf(tenant).map(Optional::isPresent);
    }

    /** Fails with {@link #suspended(String, String) the 409} while the tenant is suspended. */
    public Uni<Void> requireNotSuspended(String tenant) {
        return reasonOf(tenant).chain(reason -> reason.isPresent()
                ? Uni.createFrom().failure(suspended(tenant, reason.get()))
                : Uni.createFrom().voidItem());
    }

    /** Every suspended tenant. */
    public Uni<List<String>> all() {
        return Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(ALL, String.class).getResultList()));
    }

    /** The refusal every service answers while a tenant is suspended: the same words everywhere. */
    public static ProblemException suspended(String tenant, String reason) {
        String why = reason == null || reason.isBlank() ? "" : " (reason: " + reason + ")";
        return ProblemException.conflict("tenant '" + tenant + "' is suspended" + why + ": its apps are stopped "
                + "and nothing new is accepted until it is reinstated; contact a platform administrator");
    }
}
