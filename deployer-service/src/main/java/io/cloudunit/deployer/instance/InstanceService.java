package io.cloudunit.deployer.instance;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.deployer.runtime.ServingInstance;
import io.cloudunit.platform.events.InstanceEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The instance table and the instance.* events that keep the router's table current: a row is written
 * with instance.started, removed with instance.stopped, always in one transaction.
 */
@ApplicationScoped
public class InstanceService {
    private final InstanceRepository instances;
    private final Outbox outbox;

    public InstanceService(InstanceRepository instances, Outbox outbox) {
        this.instances = instances;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Void> recordStarted(String tenant, String app, List<ServingInstance> serving) {
        return started(tenant, app, serving);
    }

    @WithTransaction
    public Uni<Void> recordStopped(String tenant, String app, List<Stopped> stopped) {
        return stopped(tenant, app, stopped);
    }

    /** Within the caller's transaction. */
    public Uni<Void> started(String tenant, String app, List<ServingInstance> serving) {
        return each(serving, s -> instances.findById(s.name())
                .chain(existing -> {
                    Instance row = existing != null ? existing : new Instance();
                    row.name = s.name();
                    row.tenant = tenant;
                    row.app = app;
                    row.version = s.version();
                    row.address = s.address();
                    row.hostPort = s.hostPort();
                    row.healthy = true;
                    row.unhealthySince = null;
                    row.state = Instance.RUNNING;
                    row.startedAt = OffsetDateTime.now();
                    return existing != null ? Uni.createFrom().item(row) : instances.persist(row);
                })
                .chain(row -> outbox.publish(new InstanceEvent.Started(tenant, app, row.name, row.version,
                        row.address, true))));
    }

    /**
     * A serving instance that failed its health check several times in a row stops serving (the router takes it
     * out) until the reconciler sees it answer again; false when it no longer serves (gone or already unhealthy).
     */
    @WithTransaction
    public Uni<Boolean> recordUnhealthy(String name, String reason) {
        return instances.findById(name).chain(row -> {
            if (row == null || !row.healthy) {
                return Uni.createFrom().item(false);
            }
            row.healthy = false;
            row.unhealthySince = OffsetDateTime.now();
            return outbox.publish(new InstanceEvent.Unhealthy(row.tenant, row.app, row.name, row.version, reason))
                    .replaceWith(true);
        });
    }

    /** Within the caller's transaction. */
    public Uni<Void> stopped(String tenant, String app, List<Stopped> stopped) {
        return each(stopped, s -> instances.deleteById(s.name())
                .chain(() -> outbox.publish(new InstanceEvent.Stopped(tenant, app, s.name(), s.version()))));
    }

    @WithSession
    public Uni<List<Instance>> ofApp(String tenant, String app) {
        return instances.ofApp(tenant, app);
    }

    @WithSession
    public Uni<List<Instance>> ofRelease(String tenant, String app, int version) {
        return instances.ofRelease(tenant, app, version);
    }

    @WithSession
    public Uni<List<Instance>> serving() {
        return instances.serving();
    }

    /** An instance that no longer serves: its container name and release. */
    public record Stopped(String name, int version) {
    }

    private static <T> Uni<Void> each(List<T> items, java.util.function.Function<T, Uni<?>> action) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(action)
                .collect().last()
                .replaceWithVoid();
    }
}
