package io.cloudunit.tenant.usage;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.cloudunit.platform.events.Channels;
import io.cloudunit.platform.events.InstanceEvent;
import io.cloudunit.platform.events.PlatformEvent;
import io.cloudunit.platform.outbox.Inbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Keeps usage from the {@code cloudunit.instances} topic, each event applied once. */
@ApplicationScoped
public class InstanceEventConsumer {
    /** The name under which processed events are recorded in the inbox. */
    public static final String CONSUMER = "tenant-service.usage";

    private final Inbox inbox;
    private final UsageProjection projection;

    public InstanceEventConsumer(Inbox inbox, UsageProjection projection) {
        this.inbox = inbox;
        this.projection = projection;
    }

    @Incoming(Channels.INSTANCES)
    @WithTransaction
    public Uni<Void> on(ConsumerRecord<String, String> record) {
        return inbox.consumeOnce(CONSUMER, record, this::apply);
    }

    private Uni<Void> apply(PlatformEvent event) {
        if (event instanceof InstanceEvent instance) {
            return instance.accept(projection);
        }
        return Uni.createFrom().voidItem();
    }
}
