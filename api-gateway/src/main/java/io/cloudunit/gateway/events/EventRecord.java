package io.cloudunit.gateway.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.cloudunit.platform.events.CloudEvent;

/** One stored CloudEvent (rows are only ever inserted, by a native statement that deduplicates). */
@Entity
@Table(name = "event_log")
@Immutable
public class EventRecord {
    @Id
    private Long seq;
    private UUID id;
    private String tenant;
    private String type;
    private String source;
    private String subject;
    @Column(name = "time")
    private OffsetDateTime time;
    private String data;

    protected EventRecord() {
    }

    public Long seq() {
        return seq;
    }

    public CloudEvent toCloudEvent() {
        return new CloudEvent(id, type, source, subject, tenant, time, data);
    }
}
