package io.cloudunit.build.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.cloudunit.build.build.BuildTransitions;
import io.cloudunit.build.purge.TenantPurger;
import io.cloudunit.platform.events.Channels;
import io.cloudunit.platform.events.PlatformEvent;
import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.outbox.Inbox;
import io.cloudunit.platform.purge.TenantPurgeLedger;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * {@code cloudunit.tenants}: {@code tenant.deletion-requested} starts the tenant's purge (recorded in the
 * consumer's transaction; the purger runs right after the commit); {@code tenant.deleted} cancels the queued
 * builds of every app (all that is left to do when no deletion was requested first).
 */
@ApplicationScoped
public class TenantEventsConsumer implements TenantEvent.Visitor<Uni<Void>> {
    private final Inbox inbox;
    private final BuildTransitions transitions;
    private final TenantPurgeLedger purges;
    private final TenantPurger purger;

    public TenantEventsConsumer(Inbox inbox, BuildTransitions transitions, TenantPurgeLedger purges,
            TenantPurger purger) {
        this.inbox = inbox;
        this.transitions = transitions;
        this.purges = purges;
        this.purger = purger;
    }

    /** The purger is woken after the commit, so that it sees what the event recorded. */
    @Incoming(Channels.TENANTS)
    public Uni<Void> on(ConsumerRecord<String, String> record) {
        return Panache.withTransaction(() -> inbox.consumeOnce(Consumers.NAME, record, this::apply))
                .invoke(purger::wakeUp);
    }

    private Uni<Void> apply(PlatformEvent event) {
        return event instanceof TenantEvent tenant ? tenant.accept(this) : Consumers.nothing();
    }

    @Override
    public Uni<Void> created(TenantEvent.Created event) {
        return purges.forgetDone(event.tenant());
    }

    @Override
    public Uni<Void> updated(TenantEvent.Updated event) {
        return Consumers.nothing();
    }

    @Override
    public Uni<Void> suspended(TenantEvent.Suspended event) {
        return Consumers.nothing();
    }

    @Override
    public Uni<Void> deleted(TenantEvent.Deleted event) {
        return transitions.cancelQueuedOfTenant(event.tenant()).replaceWithVoid();
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
