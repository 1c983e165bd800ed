package io.cloudunit.build.support;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.EventJson;
import io.cloudunit.platform.events.EventType;
import io.cloudunit.platform.events.KafkaCloudEvents;
import io.cloudunit.platform.events.PlatformEvent;
import io.cloudunit.platform.events.QuotaEvent;

/** Events as tenant-service would send them, on the real test topic of each event. */
public final class TenantsTopic implements AutoCloseable {
    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));

    /** A quota.changed giving the tenant these build limits (the others as the default plan's). */
    public static QuotaEvent.Changed quota(String tenant, String plan, int maxConcurrentBuilds, int maxArtifactMb) {
        return new QuotaEvent.Changed(tenant, plan,
                new QuotaEvent.Limits(10, 20, 4096, maxConcurrentBuilds, maxArtifactMb, 100));
    }

    /** Sends the event and returns its envelope once the broker has it. */
    public CloudEvent produce(PlatformEvent event) {
        CloudEvent envelope = new CloudEvent(UUID.randomUUID(), EventType.of(event).type(),
                "/services/tenant-service", event.subject(), event.tenant(), OffsetDateTime.now(),
                EventJson.write(event));
        try {
            producer.send(KafkaCloudEvents.toRecord("test." + envelope.topic(), envelope)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return envelope;
    }

    /** Whether build-service's inbox has the event (its effect committed with it). */
    public static boolean processed(CloudEvent event) {
        return Db.count("select count(*) from inbox where consumer = 'build-service' and event_id = ?",
                event.id()) == 1;
    }

    @Override
    public void close() {
        producer.close();
    }
}
