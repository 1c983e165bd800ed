package io.cloudunit.platform.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The CloudEvents 1.0 envelope of a platform event. On Kafka it travels in binary mode: the
 * attributes as {@code ce_*} headers and {@code data} as the JSON body.
 *
 * @param data the payload as JSON text
 */
public record CloudEvent(UUID id, String type, String source, String subject, String tenant, OffsetDateTime time,
        String data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public static CloudEvent wrap(PlatformEvent event, String source) {
        return new CloudEvent(UUID.randomUUID(), EventType.of(event).type(), source, event.subject(), event.tenant(),
                OffsetDateTime.now(), EventJson.write(event));
    }

    /** The payload as its record, or empty for a type this version of the catalog does not know. */
    public java.util.Optional<PlatformEvent> event() {
        return EventType.fromType(type).map(t -> EventJson.read(data, t.payloadClass()));
    }

    /** The topic this event belongs to. */
    public String topic() {
        return EventType.fromType(type).orElseThrow(() -> new IllegalStateException("unknown type " + type)).topic();
    }
}
