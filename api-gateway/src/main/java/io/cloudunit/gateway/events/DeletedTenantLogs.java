package io.cloudunit.gateway.events;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.EventType;
import io.cloudunit.platform.vertx.FreshContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * A deleted tenant's event log goes (ADR 13): once {@code tenant.deleted} has its place in the tenant's stream and
 * was handed to the live subscribers, every event of the tenant stored up to it is deleted, that one included.
 * Events stored after it (a tenant created again under the name) stay. Level-triggered: the removal runs on each
 * {@code tenant.deleted} and on a timer, so a removal that failed (or a restart in between) is done later. The
 * audit log is kept on purpose.
 */
@ApplicationScoped
public class DeletedTenantLogs {
    private static final Logger LOG = Logger.getLogger(DeletedTenantLogs.class);
    static final String DELETED = EventType.TENANT_DELETED.type();
    private static final String REMOVE = """
            delete from event_log e using event_log d
            where d.type = :deleted and d.position is not null and e.tenant = d.tenant and e.seq <= d.seq""";

    private final EventBroadcaster broadcaster;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();

    public DeletedTenantLogs(EventBroadcaster broadcaster, Vertx vertx) {
        this.broadcaster = broadcaster;
        this.vertx = vertx;
    }

    void listen(@Observes StartupEvent startup) {
        broadcaster.subscribe(this::on);
    }

    void on(CloudEvent event) {
        if (DELETED.equals(event.type())) {
            removeSoon();
        }
    }

    @Scheduled(every = "60s", delayed = "10s")
    void removeSoon() {
        if (running.compareAndSet(false, true)) {
            FreshContext.run(vertx, () -> remove().subscribe().with(removed -> running.set(false), failure -> {
                running.set(false);
                LOG.warnf("cannot remove the event log of deleted tenants yet, will retry: %s", failure.toString());
            }));
        }
    }

    /** Deletes the logs of the tenants whose deletion was streamed; answers how many events went. */
    public Uni<Integer> remove() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(REMOVE)
                .setParameter("deleted", DELETED)
                .executeUpdate()))
                .invoke(removed -> {
                    if (removed > 0) {
                        LOG.infof("%d event(s) of deleted tenants removed from the event log", removed);
                    }
                });
    }
}
