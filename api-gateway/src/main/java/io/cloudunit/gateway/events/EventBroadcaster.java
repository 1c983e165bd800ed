package io.cloudunit.gateway.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.platform.events.CloudEvent;

/**
 * Hands every newly stored event to the live listeners (SSE subscribers, the router, the membership cache).
 * Listeners are called on the consumer's thread and must not block.
 */
@ApplicationScoped
public class EventBroadcaster {
    private static final Logger LOG = Logger.getLogger(EventBroadcaster.class);

    private final List<Consumer<CloudEvent>> listeners = new CopyOnWriteArrayList<>();

    /** Registers {@code listener}; run the returned action to unregister it. */
    public Runnable subscribe(Consumer<CloudEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(CloudEvent event) {
        for (Consumer<CloudEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warnf(e, "a listener failed on event %s (%s)", event.id(), event.type());
            }
        }
    }

    public int listenerCount() {
        return listeners.size();
    }
}
