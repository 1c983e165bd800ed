package io.cloudunit.build.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.cloudunit.build.build.BuildTransitions;
import io.cloudunit.platform.events.Channels;
import io.cloudunit.platform.events.PlatformEvent;
import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.outbox.Inbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** {@code cloudunit.tenants}: a deleted tenant's queued builds, of every app, are canceled. */
@ApplicationScoped
public class TenantEventsConsumer implements TenantEvent.Visitor<Uni<Void>> {
    private final Inbox inbox;
    private final BuildTransitions transitions;

    public TenantEventsConsumer(Inbox inbox, BuildTransitions transitions) {
        this.inbox = inbox;
        this.transitions = transitions;
    }

    @Incoming(Channels.TENANTS)
    @WithTransaction
    public Uni<Void> on(ConsumerRecord<String, String> record) {
        return inbox.consumeOnce(Consumers.NAME, record, this::apply);
    }

    private Uni<Void> apply(PlatformEvent event) {
        return event instanceof TenantEvent tenant ? tenant.accept(this) : Consumers.nothing();
    }

    @Override
    public Uni<Void> created(TenantEvent.Created event) {
        return Consumers.nothing();
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
}
