package io.cloudunit.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** CloudEvents Kafka protocol binding, binary content mode. */
public final class KafkaCloudEvents {
    public static final String ID = "ce_id";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String TENANT = "ce_tenant";
    public static final String SEQUENCE = "ce_sequence";
    public static final String AFTER = "ce_after";
    public static final String CONTENT_TYPE = "content-type";

    private KafkaCloudEvents() {
    }

    public static ProducerRecord<String, String> toRecord(String topic, CloudEvent event) {
        var record = new ProducerRecord<String, String>(topic, event.subject(), event.data());
        Headers headers = record.headers();
        put(headers, ID, event.id().toString());
        put(headers, SPEC_VERSION, CloudEvent.SPEC_VERSION);
        put(headers, TYPE, event.type());
        put(headers, SOURCE, event.source());
        put(headers, SUBJECT, event.subject());
        put(headers, TIME, event.time().toString());
        put(headers, TENANT, event.tenant());
        put(headers, CONTENT_TYPE, CloudEvent.CONTENT_TYPE);
        if (event.sequence() != null) {
            put(headers, SEQUENCE, event.sequence().toString());
            if (!event.after().isEmpty()) {
                put(headers, AFTER, Sequences.format(event.after()));
            }
        }
        return record;
    }

    /** Reads the envelope back; throws {@link IllegalArgumentException} when a required attribute is missing. */
    public static CloudEvent fromRecord(ConsumerRecord<String, String> record) {
        Headers headers = record.headers();
        String sequence = optional(headers, SEQUENCE);
        return new CloudEvent(UUID.fromString(required(headers, ID)), required(headers, TYPE),
                required(headers, SOURCE), required(headers, SUBJECT), required(headers, TENANT),
                OffsetDateTime.parse(required(headers, TIME)), record.value(),
                sequence == null ? null : Long.valueOf(sequence), Sequences.parse(optional(headers, AFTER)));
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) {
        String value = optional(headers, name);
        if (value == null) {
            throw new IllegalArgumentException("not a CloudEvent: header " + name + " is missing");
        }
        return value;
    }

    private static String optional(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
