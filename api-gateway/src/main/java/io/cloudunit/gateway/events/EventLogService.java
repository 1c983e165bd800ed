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
 * The event log: every platform event stored once as it arrives, then placed in its tenant's stream in causal
 * order ({@link EventSequencer}); the stream is readable per tenant.
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

    /** Places the events in the stream, in the order given, in one transaction. */
    @WithTransaction
    public Uni<Void> place(List<CloudEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (CloudEvent event : events) {
            chain = chain.chain(() -> repository.place(event.id()));
        }
        return chain;
    }

    @WithSession
    public Uni<List<CloudEvent>> waiting() {
        return repository.waiting().map(EventLogService::envelopes);
    }

    @WithSession
    public Uni<List<EventLogRepository.Released>> released() {
        return repository.released();
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
    public Uni<List<EventRecord>> page(String tenant, long afterPosition) {
        return repository.after(tenant, afterPosition, PAGE);
    }

    /**
     * What a subscriber missed: every event of the tenant after {@code after} (page by page), or, when that
     * id is not known (not given, or of a purged or other tenant), the {@code latest} most recent ones.
     */
    public Multi<CloudEvent> replay(String tenant, Optional<UUID> after, int latest) {
        Uni<Optional<Long>> position = after.isPresent() ? positionOf(tenant, after.get())
                : Uni.createFrom().item(Optional.empty());
        return position.onItem().transformToMulti(found -> found.isPresent()
                ? allAfter(tenant, found.get())
                : latest(tenant, latest).onItem().transformToMulti(events -> Multi.createFrom().iterable(events)));
    }

    private Multi<CloudEvent> allAfter(String tenant, long position) {
        return page(tenant, position).onItem().transformToMulti(records -> {
            Multi<CloudEvent> current = Multi.createFrom().iterable(envelopes(records));
            return records.size() < PAGE ? current
                    : Multi.createBy().concatenating().streams(current,
                            allAfter(tenant, records.get(records.size() - 1).position()));
        });
    }

    private static List<CloudEvent> envelopes(List<EventRecord> records) {
        return records.stream().map(EventRecord::toCloudEvent).toList();
    }
}
