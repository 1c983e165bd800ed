package io.cloudunit.deployer.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.EventJson;
import io.cloudunit.platform.events.KafkaCloudEvents;
import io.cloudunit.platform.events.PlatformEvent;

/** Real Kafka for the tests: produces CloudEvents like the other services do and records what comes out. */
public final class Events implements AutoCloseable {
    public static final String BOOTSTRAP = "127.0.0.1:9092";
    public static final String PREFIX = "test.";

    private final KafkaProducer<String, String> producer;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean running = true;

    /** One event read back: its attributes, its payload, and where it was on the topic. */
    public record Seen(String topic, int partition, long offset, String id, String type, String subject,
            String tenant, String source, String specVersion, String time, String sequence, String after,
            JsonNode data) {

        public String shortType() {
            return type.substring("io.cloudunit.".length());
        }
    }

    /** Starts recording every event of these topics whose tenant is one of {@code tenants}. */
    public Events(List<String> topics, List<String> tenants) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "deployer-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(topics);
        this.reader = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        String tenant = header(r, KafkaCloudEvents.TENANT);
                        if (tenant != null && tenants.contains(tenant)) {
                            seen.add(new Seen(r.topic(), r.partition(), r.offset(), header(r, KafkaCloudEvents.ID),
                                    header(r, KafkaCloudEvents.TYPE), header(r, KafkaCloudEvents.SUBJECT), tenant,
                                    header(r, KafkaCloudEvents.SOURCE), header(r, KafkaCloudEvents.SPEC_VERSION),
                                    header(r, KafkaCloudEvents.TIME), header(r, KafkaCloudEvents.SEQUENCE),
                                    header(r, KafkaCloudEvents.AFTER), json(r.value())));
                        }
                    }
                }
            }
        }, "test-event-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public static String topic(String name) {
        return PREFIX + name;
    }

    public CloudEvent send(PlatformEvent event) {
        CloudEvent envelope = CloudEvent.wrap(event, "/services/deployer-test");
        send(envelope);
        return envelope;
    }

    public void send(CloudEvent envelope) {
        sendRaw(KafkaCloudEvents.toRecord(topic(envelope.topic()), envelope));
    }

    public void sendRaw(org.apache.kafka.clients.producer.ProducerRecord<String, String> record) {
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + record.topic(), e);
        }
    }

    /** Everything seen so far about one app ({@code tenant/app}), in the order it was read per topic. */
    public List<Seen> about(String subject) {
        List<Seen> out = new ArrayList<>();
        for (Seen s : seen) {
            if (subject.equals(s.subject())) {
                out.add(s);
            }
        }
        return out;
    }

    public List<Seen> about(String subject, String shortType) {
        return about(subject).stream().filter(s -> s.shortType().equals(shortType)).toList();
    }

    private static JsonNode json(String value) {
        try {
            return EventJson.read(value, JsonNode.class);
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : TestImages.utf8(h.value());
    }

    @Override
    public void close() {
        running = false;
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
