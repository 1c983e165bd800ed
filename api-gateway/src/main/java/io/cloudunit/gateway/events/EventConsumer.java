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
 * Consumes every topic into the event log. Each decoded event is first handed to the receivers (the router),
 * then stored. The log's unique event id is this consumer's inbox: a redelivered event is stored once, and only a
 * newly stored one goes on to the {@link EventSequencer}, which places it in its tenant's stream and hands it to
 * the live listeners. A record that is not a CloudEvent, or whose payload does not match its type, fails and goes
 * to the topic's dead-letter queue with the reason.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final EventLogService log;
    private final EventSequencer sequencer;
    private final EventBroadcaster broadcaster;
    private volatile boolean stopping;

    public EventConsumer(EventLogService log, EventSequencer sequencer, EventBroadcaster broadcaster) {
        this.log = log;
        this.sequencer = sequencer;
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
                .invoke(broadcaster::received)
                .chain(event -> log.append(event)
                        .invoke(newlyStored -> {
                            if (newlyStored) {
                                sequencer.offer(event);
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
        return event.at(event.time().truncatedTo(ChronoUnit.MICROS));
    }
}
