package io.cloudunit.platform.outbox;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.KafkaCloudEvents;
import io.cloudunit.platform.events.PlatformEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The idempotent consumer: an event's effect and the row recording that this consumer processed it
 * are written in one transaction, so a redelivered or replayed event has no second effect.
 */
@ApplicationScoped
public class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final String RECORD = """
            insert into inbox (consumer, event_id) values (:consumer, :id) on conflict do nothing""";
    private final SeenSequences seen;

    public Inbox(SeenSequences seen) {
        this.seen = seen;
    }

    /**
     * Applies {@code effect} to the event carried by {@code record} unless {@code consumer} already did.
     * Must run inside a transaction ({@code @WithTransaction} on the {@code @Incoming} method). A record
     * that is not a CloudEvent fails, so that the channel's dead-letter strategy keeps it with the reason.
     */
    public Uni<Void> consumeOnce(String consumer, ConsumerRecord<String, String> record,
            Function<PlatformEvent, Uni<Void>> effect) {
        CloudEvent envelope = KafkaCloudEvents.fromRecord(record);
        return envelope.event()
                .map(event -> firstTime(consumer, envelope.id())
                        .chain(first -> first
                                ? remember(envelope).chain(() -> effect.apply(event))
                                : skipDuplicate(consumer, envelope)))
                .orElseGet(() -> {
                    LOG.debugf("%s ignores unknown event type %s", consumer, envelope.type());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Records the event as processed by the consumer; {@code false} when it already was. */
    public Uni<Boolean> firstTime(String consumer, UUID eventId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RECORD)
                        .setParameter("consumer", consumer)
                        .setParameter("id", eventId)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** The events this service emits for the tenant from now on causally follow this one. */
    private Uni<Void> remember(CloudEvent envelope) {
        return envelope.sequence() == null ? Uni.createFrom().voidItem()
                : seen.record(envelope.tenant(), Map.of(envelope.source(), envelope.sequence()));
    }

    private static Uni<Void> skipDuplicate(String consumer, CloudEvent envelope) {
        LOG.debugf("%s already processed event %s (%s)", consumer, envelope.id(), envelope.type());
        return Uni.createFrom().voidItem();
    }
}
