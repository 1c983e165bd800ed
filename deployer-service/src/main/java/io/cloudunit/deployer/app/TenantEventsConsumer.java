package io.cloudunit.deployer.app;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.cloudunit.deployer.Consumers;
import io.cloudunit.deployer.reconcile.TenantPurger;
import io.cloudunit.platform.events.Channels;
import io.cloudunit.platform.events.PlatformEvent;
import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.outbox.Inbox;
import io.cloudunit.platform.purge.TenantPurgeLedger;
import io.cloudunit.platform.suspension.TenantSuspensions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * tenant.deletion-requested → the tenant's purge is recorded and its apps count as deleted, in the consumer's
 * transaction; the reconciler's purger runs right after the commit (and on every pass until it is done).
 * tenant.deleted → every app of the tenant is deleted; the reconciler removes the containers and network (all
 * that is left to do when no deletion was requested first). tenant.created forgets an old, finished purge of
 * the name. tenant.suspended / tenant.reinstated keep the projection of suspended tenants: the reconciler stops
 * every app of a suspended tenant and brings them back once it is reinstated (ADR 14).
 */
@ApplicationScoped
public class TenantEventsConsumer {
    private final Inbox inbox;
    private final AppSpecService specs;
    private final TenantPurgeLedger purges;
    private final TenantPurger purger;
    private final TenantSuspensions suspensions;
    private final TenantEvent.Visitor<Uni<Void>> visitor = new TenantVisitor();

    public TenantEventsConsumer(Inbox inbox, AppSpecService specs, TenantPurgeLedger purges, TenantPurger purger,
            TenantSuspensions suspensions) {
        this.inbox = inbox;
        this.suspensions = suspensions;
        this.specs = specs;
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
        // member.* and quota.* share the topic and concern nobody here.
        return event instanceof TenantEvent tenant ? tenant.accept(visitor) : Uni.createFrom().voidItem();
    }

    private final class TenantVisitor implements TenantEvent.Visitor<Uni<Void>> {
        @Override
        public Uni<Void> created(TenantEvent.Created event) {
            return purges.forgetDone(event.tenant()).chain(() -> suspensions.forget(event.tenant()));
        }

        @Override
        public Uni<Void> updated(TenantEvent.Updated event) {
            return Uni.createFrom().voidItem();
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
            return specs.markTenantDeleted(event.tenant()).chain(() -> suspensions.forget(event.tenant()));
        }

        @Override
        public Uni<Void> deletionRequested(TenantEvent.DeletionRequested event) {
            return purges.request(event.tenant(), event.requestedBy())
                    .chain(() -> specs.markTenantDeleted(event.tenant()));
        }

        @Override
        public Uni<Void> purged(TenantEvent.Purged event) {
            return Uni.createFrom().voidItem();
        }
    }
}
