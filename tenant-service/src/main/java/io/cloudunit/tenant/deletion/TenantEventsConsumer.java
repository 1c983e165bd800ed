package io.cloudunit.tenant.deletion;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.cloudunit.platform.events.Channels;
import io.cloudunit.platform.events.KafkaCloudEvents;
import io.cloudunit.platform.events.PlatformEvent;
import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.outbox.Inbox;
import io.cloudunit.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * {@code cloudunit.tenants}: the other services' {@code tenant.purged} answers, each applied once. tenant-service's
 * own events on the topic are skipped before the inbox (nothing to do, nothing to remember).
 */
@ApplicationScoped
public class TenantEventsConsumer implements TenantEvent.Visitor<Uni<Void>> {
    /** The name under which processed events are recorded in the inbox. */
    public static final String CONSUMER = "tenant-service.deletion";

    private final Inbox inbox;
    private final DeletionCompletion completion;
    private final String ownSource;

    public TenantEventsConsumer(Inbox inbox, DeletionCompletion completion, Outbox outbox) {
        this.inbox = inbox;
        this.completion = completion;
        this.ownSource = outbox.source();
    }

    @Incoming(Channels.TENANTS)
    @WithTransaction
    public Uni<Void> on(ConsumerRecord<String, String> record) {
        if (ownSource.equals(KafkaCloudEvents.fromRecord(record).source())) {
            return nothing();
        }
        return inbox.consumeOnce(CONSUMER, record, this::apply);
    }

    private Uni<Void> apply(PlatformEvent event) {
        return event instanceof TenantEvent tenant ? tenant.accept(this) : nothing();
    }

    @Override
    public Uni<Void> purged(TenantEvent.Purged event) {
        return completion.confirmed(event.tenant(), event.service());
    }

    @Override
    public Uni<Void> created(TenantEvent.Created event) {
        return nothing();
    }

    @Override
    public Uni<Void> updated(TenantEvent.Updated event) {
        return nothing();
    }

    @Override
    public Uni<Void> suspended(TenantEvent.Suspended event) {
        return nothing();
    }

    @Override
    public Uni<Void> reinstated(TenantEvent.Reinstated event) {
        return nothing();
    }

    @Override
    public Uni<Void> deleted(TenantEvent.Deleted event) {
        return nothing();
    }

    @Override
    public Uni<Void> deletionRequested(TenantEvent.DeletionRequested event) {
        return nothing();
    }

    private static Uni<Void> nothing() {
        return Uni.createFrom().voidItem();
    }
}
