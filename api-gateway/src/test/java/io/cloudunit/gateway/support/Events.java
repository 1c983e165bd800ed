package io.cloudunit.gateway.support;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.KafkaCloudEvents;
import io.cloudunit.platform.events.PlatformEvent;

/** Produces real CloudEvents (binary mode) to the real Kafka, on the test.-prefixed topics. */
public final class Events {
    public static final String PREFIX = "test.";
    private static final KafkaProducer<String, String> PRODUCER = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));

    private Events() {
    }

    public static CloudEvent envelope(PlatformEvent event) {
        return CloudEvent.wrap(event, "/services/test");
    }

    /** Produces the event and waits for the broker's acknowledgement. */
    public static CloudEvent produce(PlatformEvent event) {
        return produce(envelope(event));
    }

    public static CloudEvent produce(CloudEvent envelope) {
        try {
            PRODUCER.send(KafkaCloudEvents.toRecord(PREFIX + envelope.topic(), envelope)).get(30, TimeUnit.SECONDS);
            return envelope;
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce " + envelope.type(), e);
        }
    }

    public static String uniqueName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
