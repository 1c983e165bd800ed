package io.cloudunit.gateway.events;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.events.CloudEvent;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The event log: every platform event stored once, readable per tenant in stream order (event time, then
 * arrival), which restores across topics the order in which one service wrote its events (ADR 6).
 */
@ApplicationScoped
public class EventLogService {
    private static final int PAGE = 500;

    private final EventLogRepository repository;

    public EventLogService(EventLogRepository repository) {
        this.repository = repository;
    }

    /** {@code true} when the event was new; a redelivered event (same id) is not stored again. */
    @WithTransaction
    public Uni<Boolean> append(CloudEvent event) {
        return repository.append(event);
    }

    @WithSession
    public Uni<List<CloudEvent>> latest(String tenant, int limit) {
        return repository.latest(tenant, limit).map(EventLogService::envelopes);
    }

    @WithSession
    public Uni<Optional<StreamPosition>> positionOf(String tenant, UUID id) {
        return repository.positionOf(tenant, id);
    }

    @WithSession
    public Uni<List<EventRecord>> page(String tenant, StreamPosition after) {
        return repository.after(tenant, after, PAGE);
    }

    /**
     * What a subscriber missed: every event of the tenant after {@code after} (page by page), or, when that
     * id is not known (not given, or of a purged or other tenant), the {@code latest} most recent ones.
     */
    public Multi<CloudEvent> replay(String tenant, Optional<UUID> after, int latest) {
        Uni<Optional<StreamPosition>> position = after.isPresent() ? positionOf(tenant, after.get())
                : Uni.createFrom().item(Optional.empty());
        return position.onItem().transformToMulti(found -> found.isPresent()
                ? allAfter(tenant, found.get())
                : latest(tenant, latest).onItem().transformToMulti(events -> Multi.createFrom().iterable(events)));
    }

    private Multi<CloudEvent> allAfter(String tenant, StreamPosition position) {
        return page(tenant, position).onItem().transformToMulti(records -> {
            Multi<CloudEvent> current = Multi.createFrom().iterable(envelopes(records));
            return records.size() < PAGE ? current
                    : Multi.createBy().concatenating().streams(current,
                            allAfter(tenant, StreamPosition.of(records.get(records.size() - 1))));
        });
    }

    private static List<CloudEvent> envelopes(List<EventRecord> records) {
        return records.stream().map(EventRecord::toCloudEvent).toList();
    }
}
