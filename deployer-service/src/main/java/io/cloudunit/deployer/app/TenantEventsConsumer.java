package io.cloudunit.deployer.app;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.cloudunit.deployer.Consumers;
import io.cloudunit.platform.events.Channels;
import io.cloudunit.platform.events.PlatformEvent;
import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.outbox.Inbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** tenant.deleted → every app of the tenant is deleted; the reconciler removes the containers and network. */
@ApplicationScoped
public class TenantEventsConsumer {
    private final Inbox inbox;
    private final AppSpecService specs;
    private final TenantEvent.Visitor<Uni<Void>> visitor = new TenantVisitor();

    public TenantEventsConsumer(Inbox inbox, AppSpecService specs) {
        this.inbox = inbox;
        this.specs = specs;
    }

    @Incoming(Channels.TENANTS)
    @WithTransaction
    public Uni<Void> on(ConsumerRecord<String, String> record) {
        return inbox.consumeOnce(Consumers.NAME, record, this::apply);
    }

    private Uni<Void> apply(PlatformEvent event) {
        // member.* and quota.* share the topic and concern nobody here.
        return event instanceof TenantEvent tenant ? tenant.accept(visitor) : Uni.createFrom().voidItem();
    }

    private final class TenantVisitor implements TenantEvent.Visitor<Uni<Void>> {
        @Override
        public Uni<Void> created(TenantEvent.Created event) {
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> updated(TenantEvent.Updated event) {
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> suspended(TenantEvent.Suspended event) {
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> deleted(TenantEvent.Deleted event) {
            return specs.markTenantDeleted(event.tenant());
        }
    }
}
