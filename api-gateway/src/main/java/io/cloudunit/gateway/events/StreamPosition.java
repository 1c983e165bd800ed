package io.cloudunit.gateway.events;

import java.time.OffsetDateTime;

/** Where a stored event stands in a tenant's stream: by event time, ties broken by arrival. */
public record StreamPosition(OffsetDateTime time, long seq) {

    static StreamPosition of(EventRecord record) {
        return new StreamPosition(record.toCloudEvent().time(), record.seq());
    }
}
