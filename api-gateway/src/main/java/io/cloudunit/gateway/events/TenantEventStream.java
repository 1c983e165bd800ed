package io.cloudunit.gateway.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cloudunit.gateway.GatewayConfig;
import io.cloudunit.platform.events.CloudEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * One tenant's events for a subscriber: the stored ones it missed, then the live ones, with no gap and no
 * duplicate between the two. Live events are listened to before the replay is read and held back until
 * the replay ends; then those the replay already delivered are skipped by id.
 */
@ApplicationScoped
public class TenantEventStream {
    private final EventLogService log;
    private final EventBroadcaster broadcaster;
    private final int buffer;

    @Inject
    public TenantEventStream(EventLogService log, EventBroadcaster broadcaster, GatewayConfig config) {
        this(log, broadcaster, config.sseBuffer());
    }

    TenantEventStream(EventLogService log, EventBroadcaster broadcaster, int buffer) {
        this.log = log;
        this.broadcaster = broadcaster;
        this.buffer = buffer;
    }

    public Multi<CloudEvent> open(String tenant, Optional<UUID> after, int latest) {
        return Multi.createFrom().<CloudEvent> emitter(emitter -> {
            Gate gate = new Gate(emitter, buffer);
            Runnable unsubscribe = broadcaster.subscribe(event -> {
                if (tenant.equals(event.tenant())) {
                    gate.live(event);
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

    private static final class Gate {
        private final MultiEmitter<? super CloudEvent> emitter;
        private final int maxHeld;
        private final Set<UUID> replayed = new HashSet<>();
        private List<CloudEvent> held = new ArrayList<>();

        Gate(MultiEmitter<? super CloudEvent> emitter, int maxHeld) {
            this.emitter = emitter;
            this.maxHeld = maxHeld;
        }

        synchronized void replayed(CloudEvent event) {
            replayed.add(event.id());
            emitter.emit(event);
        }

        synchronized void live(CloudEvent event) {
            if (held != null) {
                held.add(event);
                if (held.size() > maxHeld) {
                    emitter.fail(new IllegalStateException("too many live events during the replay"));
                }
            } else if (!replayed.remove(event.id())) {
                emitter.emit(event);
            }
        }

        synchronized void replayDone() {
            for (CloudEvent event : held) {
                if (!replayed.remove(event.id())) {
                    emitter.emit(event);
                }
            }
            held = null;
        }
    }
}
