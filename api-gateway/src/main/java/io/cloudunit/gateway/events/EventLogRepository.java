package io.cloudunit.gateway.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.Sequences;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class EventLogRepository implements PanacheRepositoryBase<EventRecord, Long> {
    private static final String APPEND = """
            insert into event_log (id, tenant, type, source, subject, time, data, sequence, after_sequences)
            values (:id, :tenant, :type, :source, :subject, :time, :data, :sequence, :after)
            on conflict (id) do nothing""";
    private static final String PLACE = """
            update event_log set position = nextval('event_position') where id = :id and position is null""";
    private static final String RELEASED = """
            select tenant, source, max(sequence) from event_log
            where position is not null and sequence is not null group by tenant, source""";

    /** One source's last released sequence for one tenant. */
    public record Released(String tenant, String source, long sequence) {
    }

    /** Stores the event unless an event with its id is already stored; {@code true} when it was new. */
    public Uni<Boolean> append(CloudEvent event) {
        return getSession().chain(session -> session.createNativeQuery(APPEND)
                .setParameter("id", event.id())
                .setParameter("tenant", event.tenant())
                .setParameter("type", event.type())
                .setParameter("source", event.source())
                .setParameter("subject", event.subject())
                .setParameter("time", event.time())
                .setParameter("data", event.data())
                .setParameter("sequence", event.sequence())
                .setParameter("after", Sequences.format(event.after()))
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Gives the event the next position in the stream (a no-op when it already has one). */
    public Uni<Void> place(UUID id) {
        return getSession().chain(session -> session.createNativeQuery(PLACE)
                .setParameter("id", id)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Stored events still waiting for their position, in arrival order. */
    public Uni<List<EventRecord>> waiting() {
        return find("position is null order by seq").list();
    }

    /** Per tenant and source, the last sequence already placed in the stream. */
    public Uni<List<Released>> released() {
        return getSession().chain(session -> session.createNativeQuery(RELEASED, Object[].class).getResultList())
                .map(rows -> rows.stream().map(row -> new Released((String) row[0], (String) row[1],
                        ((Number) row[2]).longValue())).toList());
    }

    /** The {@code limit} most recent events of the tenant's stream, oldest first. */
    public Uni<List<EventRecord>> latest(String tenant, int limit) {
        return find("tenant = ?1 and position is not null order by position desc", tenant).page(0, limit).list()
                .map(newestFirst -> {
                    List<EventRecord> oldestFirst = new ArrayList<>(newestFirst);
                    Collections.reverse(oldestFirst);
                    return oldestFirst;
                });
    }

    /** Up to {@code limit} events of the tenant's stream after {@code position}, oldest first. */
    public Uni<List<EventRecord>> after(String tenant, long position, int limit) {
        return find("tenant = ?1 and position > ?2 order by position", tenant, position).page(0, limit).list();
    }

    /** Where the event {@code id} of this tenant is in the stream, if it is there yet. */
    public Uni<Optional<Long>> positionOf(String tenant, UUID id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult()
                .map(record -> Optional.ofNullable(record).map(EventRecord::position));
    }
}
