package io.cloudunit.tenant.deletion;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.cloudunit.tenant.TenantServiceConfig;
import io.cloudunit.tenant.tenant.DeletionProgress;
import io.cloudunit.tenant.tenant.Tenant;
import io.cloudunit.tenant.tenant.TenantRepository;
import io.smallrye.mutiny.Uni;

/**
 * The end of a tenant's deletion (ADR 12): each {@code tenant.purged} answer is recorded, and once every participant
 * answered, tenant-service's rows of the tenant go and {@code tenant.deleted} is emitted in the same transaction.
 * Level-triggered: {@link #check} looks again at a tenant whatever happened before (a restart, a lost answer) and asks
 * again when answers stay missing. Every method runs in the caller's transaction, with the tenant's row locked.
 */
@ApplicationScoped
public class DeletionCompletion {
    private static final Logger LOG = Logger.getLogger(DeletionCompletion.class);

    private final TenantRepository tenants;
    private final Confirmations confirmations;
    private final TenantRowRemoval rows;
    private final Outbox outbox;
    private final List<String> participants;
    private final Duration askAgainAfter;

    public DeletionCompletion(TenantRepository tenants, Confirmations confirmations, TenantRowRemoval rows,
            Outbox outbox, TenantServiceConfig config) {
        this.tenants = tenants;
        this.confirmations = confirmations;
        this.rows = rows;
        this.outbox = outbox;
        this.participants = List.copyOf(config.deletion().participants());
        this.askAgainAfter = config.deletion().askAgainAfter();
    }

    /** A {@code tenant.purged} answer: recorded if the tenant is being deleted and the service takes part. */
    public Uni<Void> confirmed(String tenant, String service) {
        return lock(tenant).chain(found -> {
            if (found == null || !found.beingDeleted()) {
                LOG.infof("tenant.purged from %s ignored: tenant %s is not being deleted", service, tenant);
                return Uni.createFrom().voidItem();
            }
            if (!participants.contains(service)) {
                LOG.warnf("tenant.purged from %s ignored: it is not one of the participants %s "
                        + "(cloudunit.tenant.deletion.participants)", service, participants);
                return Uni.createFrom().voidItem();
            }
            return confirmations.record(tenant, service)
                    .invoke(first -> LOG.infof("tenant %s: %s purged it%s", tenant, service,
                            first ? "" : " (again)"))
                    .chain(() -> completeOrWait(found, false));
        });
    }

    /** The timer's look at a tenant being deleted: done when every answer is in, asked again when they are late. */
    public Uni<Void> check(String tenant) {
        return lock(tenant).chain(found -> found == null || !found.beingDeleted()
                ? Uni.createFrom().voidItem()
                : completeOrWait(found, true));
    }

    /** The deletion's progress as a member sees it (the caller's session). */
    public Uni<DeletionProgress> progressOf(Tenant tenant) {
        return confirmations.of(tenant.name).map(confirmed -> DeletionProgress.of(tenant, participants, confirmed));
    }

    private Uni<Void> completeOrWait(Tenant tenant, boolean mayAskAgain) {
        return progressOf(tenant).chain(progress -> {
            if (progress.complete()) {
                return delete(tenant.name);
            }
            if (mayAskAgain && answersLate(tenant)) {
                return askAgain(tenant, progress);
            }
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> delete(String tenant) {
        return outbox.publish(new TenantEvent.Deleted(tenant))
                .chain(() -> rows.deleteAllOf(tenant))
                .invoke(() -> LOG.infof("tenant %s deleted: every participant %s purged it", tenant, participants));
    }

    private boolean answersLate(Tenant tenant) {
        OffsetDateTime last = tenant.deletionAnnouncedAt != null ? tenant.deletionAnnouncedAt
                : tenant.deletionRequestedAt;
        return !last.plus(askAgainAfter).isAfter(now());
    }

    private Uni<Void> askAgain(Tenant tenant, DeletionProgress progress) {
        LOG.warnf("tenant %s: still no tenant.purged from %s %s after asking: emitting tenant.deletion-requested again",
                tenant.name, progress.waitingFor(), askAgainAfter);
        tenant.deletionAnnouncedAt = now();
        return outbox.publish(new TenantEvent.DeletionRequested(tenant.name, tenant.deletionRequestedBy))
                .replaceWithVoid();
    }

    private Uni<Tenant> lock(String tenant) {
        return tenants.findById(tenant, LockModeType.PESSIMISTIC_WRITE);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
