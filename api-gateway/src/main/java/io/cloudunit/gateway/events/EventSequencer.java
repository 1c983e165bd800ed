package io.cloudunit.gateway.events;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.cloudunit.gateway.GatewayConfig;
import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.vertx.FreshContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Turns stored events into each tenant's stream: {@link EventOrder} decides when an event's turn comes, then the
 * event is given its position (committed) and only then handed to the live listeners, one batch after the
 * other, so that live listeners and replays see the same order. Until the state of the stream is loaded at
 * startup (what was placed, what still waits) incoming events are kept aside. One gateway instance places
 * events; several would each need the same order from a shared sequencer (ADR 6).
 */
@ApplicationScoped
public class EventSequencer {
    private static final Logger LOG = Logger.getLogger(EventSequencer.class);
    private static final int REMEMBERED_IDS = 10_000;
    private static final long TICK_MILLIS = 250;

    private final EventLogService log;
    private final EventBroadcaster broadcaster;
    private final Vertx vertx;
    private final EventOrder order;
    private final RecentIds offered = new RecentIds(REMEMBERED_IDS);
    private final List<CloudEvent> due = new ArrayList<>();
    private List<CloudEvent> beforeStart = new ArrayList<>();
    private boolean loading;
    private boolean placing;
    private long timerId = -1;

    public EventSequencer(EventLogService log, EventBroadcaster broadcaster, Vertx vertx, GatewayConfig config) {
        this.log = log;
        this.broadcaster = broadcaster;
        this.vertx = vertx;
        this.order = new EventOrder(config.eventOrderBound().toMillis());
    }

    void start(@Observes StartupEvent started) {
        timerId = vertx.setPeriodic(TICK_MILLIS, id -> tick());
        tick();
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** A newly stored event: it is placed in its tenant's stream when its turn comes. */
    public void offer(CloudEvent event) {
        synchronized (this) {
            if (beforeStart != null) {
                beforeStart.add(event);
                return;
            }
            take(event);
        }
        placeDue();
    }

    private void tick() {
        synchronized (this) {
            if (beforeStart != null) {
                if (!loading) {
                    loading = true;
                    FreshContext.run(vertx, this::load);
                }
                return;
            }
            due.addAll(order.expire(System.currentTimeMillis()));
        }
        placeDue();
    }

    private void load() {
        log.released().invoke(this::releasedBefore)
                .chain(log::waiting)
                .subscribe().with(this::loaded, failure -> {
                    LOG.warnf("cannot load the event stream's state yet, will retry: %s", failure.toString());
                    synchronized (this) {
                        loading = false;
                    }
                });
    }

    private synchronized void releasedBefore(List<EventLogRepository.Released> released) {
        released.forEach(r -> order.releasedBefore(r.tenant(), r.source(), r.sequence()));
    }

    private void loaded(List<CloudEvent> waiting) {
        synchronized (this) {
            waiting.forEach(this::take);
            beforeStart.forEach(this::take);
            beforeStart = null;
        }
        placeDue();
    }

    private void take(CloudEvent event) {
        if (offered.firstTime(event.id())) {
            due.addAll(order.offer(event, System.currentTimeMillis()));
        }
    }

    private void placeDue() {
        List<CloudEvent> batch;
        synchronized (this) {
            if (placing || due.isEmpty()) {
                return;
            }
            placing = true;
            batch = List.copyOf(due);
            due.clear();
        }
        FreshContext.run(vertx, () -> log.place(batch).subscribe().with(
                placed -> placed(batch),
                failure -> notPlaced(batch, failure)));
    }

    private void placed(List<CloudEvent> batch) {
        batch.forEach(broadcaster::publish);
        synchronized (this) {
            placing = false;
        }
        placeDue();
    }

    // Kept first in line: the next tick tries again, and nothing placed later overtakes them.
    private void notPlaced(List<CloudEvent> batch, Throwable failure) {
        LOG.warnf("cannot place %d events in the stream yet, will retry: %s", batch.size(), failure.toString());
        synchronized (this) {
            due.addAll(0, batch);
            placing = false;
        }
    }
}
