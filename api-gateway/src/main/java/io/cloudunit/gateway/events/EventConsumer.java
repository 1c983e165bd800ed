package io.cloudunit.gateway.events;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.cloudunit.platform.events.Channels;
import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.KafkaCloudEvents;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;

/**
 * Consumes every topic into the event log. The log's unique event id is this consumer's inbox: a redelivered
 * event is stored once. Each gateway instance broadcasts an event to its live listeners once: the first time
 * it stores it, or the first time it sees it when another instance (sharing the log) stored it first. A
 * record that is not a CloudEvent, or whose payload does not match its type, fails and goes to the topic's
 * dead-letter queue with the reason.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final int REMEMBERED_IDS = 10_000;

    private final EventLogService log;
    private final EventBroadcaster broadcaster;
    private final RecentIds broadcast = new RecentIds(REMEMBERED_IDS);
    private volatile boolean stopping;

    public EventConsumer(EventLogService log, EventBroadcaster broadcaster) {
        this.log = log;
        this.broadcaster = broadcaster;
    }

    @Incoming(Channels.TENANTS)
    public Uni<Void> tenants(ConsumerRecord<String, String> record) {
        return store(record);
    }

    @Incoming(Channels.APPS)
    public Uni<Void> apps(ConsumerRecord<String, String> record) {
        return store(record);
    }

    @Incoming(Channels.BUILDS)
    public Uni<Void> builds(ConsumerRecord<String, String> record) {
        return store(record);
    }

    @Incoming(Channels.DEPLOYMENTS)
    public Uni<Void> deployments(ConsumerRecord<String, String> record) {
        return store(record);
    }

    @Incoming(Channels.INSTANCES)
    public Uni<Void> instances(ConsumerRecord<String, String> record) {
        return store(record);
    }

    private Uni<Void> store(ConsumerRecord<String, String> record) {
        return Uni.createFrom().item(() -> envelope(record))
                .chain(event -> log.append(event)
                        .invoke(newlyStored -> {
                            if (broadcast.firstTime(event.id())) {
                                broadcaster.publish(event);
                            }
                        }))
                .replaceWithVoid()
                // While stopping, the database may close before the consumers: leave the record unacknowledged
                // (it is consumed again after the restart) instead of sending a good event to the DLQ.
                .onFailure(failure -> stopping).recoverWithUni(() -> Uni.createFrom().nothing())
                .onFailure().invoke(failure -> LOG.warnf("record %s-%d@%d goes to the dead-letter queue: %s",
                        record.topic(), record.partition(), record.offset(), failure.toString()));
    }

    void stopping(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    private static CloudEvent envelope(ConsumerRecord<String, String> record) {
        CloudEvent event = KafkaCloudEvents.fromRecord(record);
        event.event(); // a known type with a malformed payload fails here, before anything is stored
        // PostgreSQL keeps microseconds: live and replayed copies of an event must look the same.
        return new CloudEvent(event.id(), event.type(), event.source(), event.subject(), event.tenant(),
                event.time().truncatedTo(ChronoUnit.MICROS), event.data());
    }
}
