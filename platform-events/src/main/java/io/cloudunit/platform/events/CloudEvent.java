package io.cloudunit.platform.events;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * The CloudEvents 1.0 envelope of a platform event. On Kafka it travels in binary mode: the
 * attributes as {@code ce_*} headers and {@code data} as the JSON body.
 *
 * @param data the payload as JSON text
 * @param sequence extension {@code sequence}: this event's number among the events its source emitted for its
 *        tenant (1, 2, 3… without gaps), or {@code null} when the producer does not number its events
 * @param after extension {@code after}: for each other source, the sequence of the last event of this tenant
 *        the producer had consumed when it emitted this one; this event causally follows those
 */
public record CloudEvent(UUID id, String type, String source, String subject, String tenant, OffsetDateTime time,
        String data, Long sequence, Map<String, Long> after) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public CloudEvent {
        after = after == null ? Map.of() : Map.copyOf(after);
    }

    /** An event its producer did not number. */
    public CloudEvent(UUID id, String type, String source, String subject, String tenant, OffsetDateTime time,
            String data) {
        this(id, type, source, subject, tenant, time, data, null, Map.of());
    }

    public static CloudEvent wrap(PlatformEvent event, String source) {
        return new CloudEvent(UUID.randomUUID(), EventType.of(event).type(), source, event.subject(), event.tenant(),
                OffsetDateTime.now(), EventJson.write(event));
    }

    /** This event numbered {@code sequence} by its source, following the events {@code after} names. */
    public CloudEvent sequenced(long sequence, Map<String, Long> after) {
        return new CloudEvent(id, type, source, subject, tenant, time, data, sequence, after);
    }

    /** The same event with its time as given (e.g. truncated to what a database keeps). */
    public CloudEvent at(OffsetDateTime newTime) {
        return new CloudEvent(id, type, source, subject, tenant, newTime, data, sequence, after);
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
