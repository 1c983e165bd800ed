package io.cloudunit.platform.purge;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.cloudunit.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * This service's {@code tenant_purge} table, its part of a tenant deletion (ADR 12): a row per tenant whose
 * deletion was requested, pending until the service removed everything of it, then done, and kept so that the
 * tenant stays refused. What to remove is the service's business; the ledger records the request, the attempts
 * and the end, which publishes {@code tenant.purged} in the same transaction. Each method joins the caller's
 * session or transaction, or opens its own.
 */
@ApplicationScoped
public class TenantPurgeLedger {
    private static final Logger LOG = Logger.getLogger(TenantPurgeLedger.class);
    private static final int MAX_ERROR = 2000;
    // A done purge is reopened by a new request (answered again); a pending one is left as it is.
    private static final String REQUEST = """
            insert into tenant_purge (tenant, requested_by, requested_at) values (:tenant, :by, now())
            on conflict (tenant) do update
            set requested_by = excluded.requested_by, requested_at = excluded.requested_at,
                done_at = null, attempts = 0, last_error = null
            where tenant_purge.done_at is not null""";
    private static final String FORGET_DONE = "delete from tenant_purge where tenant = :tenant and done_at is not null";
    private static final String COUNT = "select count(*) from tenant_purge where tenant = :tenant";
    private static final String PENDING = "select tenant from tenant_purge where done_at is null order by requested_at";
    private static final String FAILED = """
            update tenant_purge set attempts = attempts + 1, last_error = :error where tenant = :tenant""";
    private static final String LOCK_PENDING = """
            select tenant from tenant_purge where tenant = :tenant and done_at is null for update""";
    private static final String DONE = """
            update tenant_purge set done_at = now(), last_error = null where tenant = :tenant""";

    private final Outbox outbox;
    private final String serviceName;

    public TenantPurgeLedger(Outbox outbox, @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.outbox = outbox;
        this.serviceName = serviceName;
    }

    /** In the consumer's transaction: from its commit on, the tenant counts as being deleted here. */
    public Uni<Void> request(String tenant, String requestedBy) {
        return Panache.withTransaction(() -> execute(REQUEST, tenant, "by", requestedBy))
                .invoke(changed -> {
                    if (changed > 0) {
                        LOG.infof("tenant %s is being deleted (requested by %s): purging it", tenant, requestedBy);
                    }
                })
                .replaceWithVoid();
    }

    /** A tenant created again under a purged tenant's name starts afresh; a pending purge is never forgotten. */
    public Uni<Void> forgetDone(String tenant) {
        return Panache.withTransaction(() -> execute(FORGET_DONE, tenant)).replaceWithVoid();
    }

    /** Whether the tenant's deletion was requested (pending or done): nothing new may start for it. */
    public Uni<Boolean> isDeleting(String tenant) {
        return Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(COUNT, Long.class)
                        .setParameter("tenant", tenant)
                        .getSingleResult()))
                .map(count -> count > 0);
    }

    /** Fails with 409 when the tenant is being (or was) deleted. */
    public Uni<Void> requireNotDeleting(String tenant) {
        return isDeleting(tenant).chain(deleting -> deleting
                ? Uni.createFrom().failure(beingDeleted(tenant))
                : Uni.createFrom().voidItem());
    }

    public static ProblemException beingDeleted(String tenant) {
        return ProblemException.conflict("tenant '" + tenant + "' is being deleted");
    }

    /** The tenants whose purge is not done yet, oldest request first. */
    public Uni<List<String>> pending() {
        return Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(PENDING, String.class).getResultList()));
    }

    /** Why the purge waits, for an operator: {@code attempts} counts the failed passes. */
    public Uni<Void> failed(String tenant, String error) {
        return Panache.withTransaction(() -> execute(FAILED, tenant, "error", truncated(error))).replaceWithVoid();
    }

    /**
     * The end of a purge, in one transaction: with the tenant's row locked and its purge still pending,
     * {@code lastStep} runs (the service deletes its rows of the tenant; a failure rolls everything back), then
     * the purge is done and {@code tenant.purged} is in the outbox. Nothing happens when no purge is pending.
     */
    public Uni<Void> finish(String tenant, Supplier<Uni<Void>> lastStep) {
        return Panache.withTransaction(() -> lockPending(tenant).chain(pending -> !pending
                ? Uni.createFrom().voidItem()
                : lastStep.get()
                        .chain(() -> execute(DONE, tenant))
                        .chain(() -> outbox.publish(new TenantEvent.Purged(tenant, serviceName)))
                        .invoke(() -> LOG.infof("tenant %s purged", tenant))
                        .replaceWithVoid()));
    }

    private Uni<Boolean> lockPending(String tenant) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK_PENDING, String.class)
                        .setParameter("tenant", tenant)
                        .getResultList())
                .map(rows -> !rows.isEmpty());
    }

    private static Uni<Integer> execute(String sql, String tenant) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(sql).setParameter("tenant", tenant).executeUpdate());
    }

    private static Uni<Integer> execute(String sql, String tenant, String name, String value) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(sql)
                        .setParameter("tenant", tenant)
                        .setParameter(name, value)
                        .executeUpdate());
    }

    static String truncated(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR) + "…";
    }
}
