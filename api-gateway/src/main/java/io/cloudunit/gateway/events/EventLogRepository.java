package io.cloudunit.gateway.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.events.CloudEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class EventLogRepository implements PanacheRepositoryBase<EventRecord, Long> {
    private static final String APPEND = """
            insert into event_log (id, tenant, type, source, subject, time, data)
            values (:id, :tenant, :type, :source, :subject, :time, :data)
            on conflict (id) do nothing""";

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
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** The {@code limit} most recent events of the tenant, oldest first. */
    public Uni<List<EventRecord>> latest(String tenant, int limit) {
        return find("tenant = ?1 order by seq desc", tenant).page(0, limit).list()
                .map(newestFirst -> {
                    List<EventRecord> oldestFirst = new ArrayList<>(newestFirst);
                    Collections.reverse(oldestFirst);
                    return oldestFirst;
                });
    }

    /** Up to {@code limit} events of the tenant stored after position {@code seq}, oldest first. */
    public Uni<List<EventRecord>> after(String tenant, long seq, int limit) {
        return find("tenant = ?1 and seq > ?2 order by seq", tenant, seq).page(0, limit).list();
    }

    /** Where the event {@code id} of this tenant is stored, if it is. */
    public Uni<Optional<Long>> positionOf(String tenant, UUID id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult()
                .map(record -> Optional.ofNullable(record).map(EventRecord::seq));
    }
}
