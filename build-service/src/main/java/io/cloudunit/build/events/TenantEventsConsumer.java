package io.cloudunit.build.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.cloudunit.build.build.BuildTransitions;
import io.cloudunit.build.limits.TenantBuildLimits;
import io.cloudunit.build.purge.TenantPurger;
import io.cloudunit.build.worker.BuildWorker;
import io.cloudunit.platform.events.Channels;
import io.cloudunit.platform.events.PlatformEvent;
import io.cloudunit.platform.events.QuotaEvent;
import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.outbox.Inbox;
import io.cloudunit.platform.purge.TenantPurgeLedger;
import io.cloudunit.platform.suspension.TenantSuspensions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * {@code cloudunit.tenants}: {@code tenant.deletion-requested} starts the tenant's purge (recorded in the
 * consumer's transaction; the purger runs right after the commit); {@code tenant.deleted} cancels the queued
 * builds of every app (all that is left to do when no deletion was requested first); {@code tenant.suspended}
 * and {@code tenant.reinstated} keep the projection of suspended tenants, whose uploads are refused and whose
 * queued builds wait (ADR 14). {@code quota.changed}, on the same topic, goes to {@link QuotaEventsConsumer}: the
 * tenant's build limits (ADR 0018), which {@code tenant.created} and {@code tenant.deleted} forget.
 */
@ApplicationScoped
public class TenantEventsConsumer implements TenantEvent.Visitor<Uni<Void>> {
    private final Inbox inbox;
    private final BuildTransitions transitions;
    private final TenantPurgeLedger purges;
    private final TenantPurger purger;
    private final TenantSuspensions suspensions;
    private final BuildWorker worker;
    private final TenantBuildLimits limits;
    private final QuotaEventsConsumer quotas;

    public TenantEventsConsumer(Inbox inbox, BuildTransitions transitions, TenantPurgeLedger purges,
            TenantPurger purger, TenantSuspensions suspensions, BuildWorker worker, TenantBuildLimits limits,
            QuotaEventsConsumer quotas) {
        this.inbox = inbox;
        this.limits = limits;
        this.quotas = quotas;
        this.suspensions = suspensions;
        this.worker = worker;
        this.transitions = transitions;
        this.purges = purges;
        this.purger = purger;
    }

    /**
     * The purger and the build worker (a reinstated tenant's queued builds may start, or a tenant's whose build cap
     * was raised) are woken after the commit,
     * so that they see what the event recorded.
     */
    @Incoming(Channels.TENANTS)
    public Uni<Void> on(ConsumerRecord<String, String> record) {
        return Panache.withTransaction(() -> inbox.consumeOnce(Consumers.NAME, record, this::apply))
                .invoke(purger::wakeUp)
                .invoke(worker::wakeUp);
    }

    private Uni<Void> apply(PlatformEvent event) {
        if (event instanceof TenantEvent tenant) {
            return tenant.accept(this);
        }
        return event instanceof QuotaEvent quota ? quota.accept(quotas) : Consumers.nothing();
    }

    @Override
    public Uni<Void> created(TenantEvent.Created event) {
        return purges.forgetDone(event.tenant()).chain(() -> suspensions.forget(event.tenant()))
                .chain(() -> limits.forget(event.tenant()));
    }

    @Override
    public Uni<Void> updated(TenantEvent.Updated event) {
        return Consumers.nothing();
    }

    @Override
    public Uni<Void> suspended(TenantEvent.Suspended event) {
        return suspensions.suspend(event.tenant(), event.reason());
    }

    @Override
    public Uni<Void> reinstated(TenantEvent.Reinstated event) {
        return suspensions.reinstate(event.tenant());
    }

    @Override
    public Uni<Void> deleted(TenantEvent.Deleted event) {
        return transitions.cancelQueuedOfTenant(event.tenant()).replaceWithVoid()
                .chain(() -> suspensions.forget(event.tenant()))
                .chain(() -> limits.forget(event.tenant()));
    }

    @Override
    public Uni<Void> deletionRequested(TenantEvent.DeletionRequested event) {
        return purges.request(event.tenant(), event.requestedBy());
    }

    /** This service's own answer, or another service's: nothing to do here. */
    @Override
    public Uni<Void> purged(TenantEvent.Purged event) {
        return Consumers.nothing();
    }
}
