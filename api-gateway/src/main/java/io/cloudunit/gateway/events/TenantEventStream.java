package io.cloudunit.gateway.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cloudunit.gateway.GatewayConfig;
import io.cloudunit.platform.events.CloudEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * One tenant's events for a subscriber: the stored ones it missed, then the live ones, with no gap and no
 * duplicate between the two. Live events are listened to before the replay is read and held back until
 * the replay ends; then those the replay already delivered are skipped by id. Live events are also held
 * for a short reorder window and sent sorted by event time: one service's events reach the gateway through
 * different topics, so their arrival order can differ from the order they were written in (ADR 6).
 */
@ApplicationScoped
public class TenantEventStream {
    private static final Comparator<CloudEvent> STREAM_ORDER = Comparator.comparing(CloudEvent::time)
            .thenComparing(CloudEvent::id);

    private final EventLogService log;
    private final EventBroadcaster broadcaster;
    private final int buffer;
    private final Duration reorderWindow;
    private final ScheduledExecutorService releases = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sse-reorder");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public TenantEventStream(EventLogService log, EventBroadcaster broadcaster, GatewayConfig config) {
        this(log, broadcaster, config.sseBuffer(), config.sseReorderWindow());
    }

    TenantEventStream(EventLogService log, EventBroadcaster broadcaster, int buffer) {
        this(log, broadcaster, buffer, Duration.ZERO);
    }

    TenantEventStream(EventLogService log, EventBroadcaster broadcaster, int buffer, Duration reorderWindow) {
        this.log = log;
        this.broadcaster = broadcaster;
        this.buffer = buffer;
        this.reorderWindow = reorderWindow;
    }

    public Multi<CloudEvent> open(String tenant, Optional<UUID> after, int latest) {
        return Multi.createFrom().<CloudEvent> emitter(emitter -> {
            Gate gate = new Gate(emitter, buffer);
            Runnable unsubscribe = broadcaster.subscribe(event -> {
                if (tenant.equals(event.tenant())) {
                    gate.live(event);
                    releaseLater(gate);
                }
            });
            Cancellable replay = log.replay(tenant, after, latest).subscribe()
                    .with(gate::replayed, emitter::fail, gate::replayDone);
            emitter.onTermination(() -> {
                unsubscribe.run();
                replay.cancel();
            });
        }, BackPressureStrategy.ERROR)
                // A subscriber that lags this far behind is dropped; it resumes with Last-Event-ID.
                .onOverflow().buffer(buffer);
    }

    private void releaseLater(Gate gate) {
        if (reorderWindow.isZero()) {
            gate.release();
        } else {
            releases.schedule(gate::release, reorderWindow.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        releases.shutdownNow();
    }

    private static final class Gate {
        private final MultiEmitter<? super CloudEvent> emitter;
        private final int maxHeld;
        private final Set<UUID> replayed = new HashSet<>();
        private final List<CloudEvent> held = new ArrayList<>();
        private boolean replaying = true;

        Gate(MultiEmitter<? super CloudEvent> emitter, int maxHeld) {
            this.emitter = emitter;
            this.maxHeld = maxHeld;
        }

        synchronized void replayed(CloudEvent event) {
            replayed.add(event.id());
            emitter.emit(event);
        }

        synchronized void live(CloudEvent event) {
            held.add(event);
            if (held.size() > maxHeld) {
                emitter.fail(new IllegalStateException("too many live events during the replay"));
            }
        }

        synchronized void replayDone() {
            replaying = false;
            release();
        }

        /** Sends every held live event, in stream order, unless the replay is still running. */
        synchronized void release() {
            if (replaying) {
                return;
            }
            held.sort(STREAM_ORDER);
            for (CloudEvent event : held) {
                if (!replayed.remove(event.id())) {
                    emitter.emit(event);
                }
            }
            held.clear();
        }
    }
}
