package io.cloudunit.tenant;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudunit.platform.events.EventType;
import io.cloudunit.platform.events.KafkaCloudEvents;

/** The events a tenant's changes wrote to the outbox, and their copies on the real topic, as type + payload. */
public final class OutboxEvents {
    public static final String TENANTS_TOPIC = "test.cloudunit.tenants";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutboxEvents() {
    }

    /** One event: its short type (e.g. {@code member.added}) and its payload as a map. */
    public record Event(String type, Map<String, Object> payload) {
    }

    /** Every event of {@code tenant} in the outbox, in the order they were written. */
    public static List<Event> of(String tenant) {
        return TestDb.rows("select type, payload from tenant.outbox where tenant = ? order by seq", tenant).stream()
                .map(row -> new Event(shortType((String) row[0]), parse((String) row[1])))
                .toList();
    }

    /** The events of {@code tenant} on the real topic since {@code sinceMillis}, once {@code count} are there. */
    public static List<Event> onTopic(String tenant, long sinceMillis, int count) {
        return TestKafka.awaitRecords(TENANTS_TOPIC, sinceMillis, count, record -> tenant.equals(record.key()))
                .stream().map(OutboxEvents::event).toList();
    }

    /** The events of {@code tenant} of one short type on the real topic since {@code sinceMillis}, once {@code count} are there. */
    public static List<Event> onTopic(String tenant, String type, long sinceMillis, int count) {
        return TestKafka.awaitRecords(TENANTS_TOPIC, sinceMillis, count, record -> tenant.equals(record.key())
                && TestKafka.header(record, KafkaCloudEvents.TYPE).orElse("").equals(EventType.TYPE_PREFIX + type))
                .stream().map(OutboxEvents::event).toList();
    }

    private static Event event(ConsumerRecord<String, String> record) {
        String type = TestKafka.header(record, KafkaCloudEvents.TYPE)
                .orElseThrow(() -> new AssertionError("no type header"));
        return new Event(shortType(type), parse(record.value()));
    }

    private static String shortType(String type) {
        return type.substring(EventType.TYPE_PREFIX.length());
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException(json, e);
        }
    }
}
