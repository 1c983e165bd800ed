package io.cloudunit.gateway.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.Sequences;

/**
 * One stored CloudEvent. Rows are inserted by a native statement that deduplicates, and given their
 * {@code position} in the stream (once, by a native update) when their turn comes.
 */
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
    private Long sequence;
    @Column(name = "after_sequences")
    private String afterSequences;
    private Long position;

    protected EventRecord() {
    }

    public Long position() {
        return position;
    }

    public CloudEvent toCloudEvent() {
        return new CloudEvent(id, type, source, subject, tenant, time, data, sequence,
                Sequences.parse(afterSequences));
    }
}
