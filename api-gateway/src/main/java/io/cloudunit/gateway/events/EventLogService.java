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

/** The event log: every platform event stored once, in arrival order, readable per tenant. */
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
    public Uni<Optional<Long>> positionOf(String tenant, UUID id) {
        return repository.positionOf(tenant, id);
    }

    @WithSession
    public Uni<List<EventRecord>> page(String tenant, long afterSeq) {
        return repository.after(tenant, afterSeq, PAGE);
    }

    /**
     * What a subscriber missed: every event of the tenant after {@code after} (page by page), or, when that
     * id is not known (not given, or of a purged or other tenant), the {@code latest} most recent ones.
     */
    public Multi<CloudEvent> replay(String tenant, Optional<UUID> after, int latest) {
        Uni<Optional<Long>> position = after.isPresent() ? positionOf(tenant, after.get())
                : Uni.createFrom().item(Optional.empty());
        return position.onItem().transformToMulti(seq -> seq.isPresent()
                ? allAfter(tenant, seq.get())
                : latest(tenant, latest).onItem().transformToMulti(events -> Multi.createFrom().iterable(events)));
    }

    private Multi<CloudEvent> allAfter(String tenant, long seq) {
        return page(tenant, seq).onItem().transformToMulti(records -> {
            Multi<CloudEvent> current = Multi.createFrom().iterable(envelopes(records));
            return records.size() < PAGE ? current
                    : Multi.createBy().concatenating().streams(current,
                            allAfter(tenant, records.get(records.size() - 1).seq()));
        });
    }

    private static List<CloudEvent> envelopes(List<EventRecord> records) {
        return records.stream().map(EventRecord::toCloudEvent).toList();
    }
}
