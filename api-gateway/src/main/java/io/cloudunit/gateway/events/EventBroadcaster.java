package io.cloudunit.gateway.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.platform.events.CloudEvent;

/**
 * Hands every newly stored event, once placed in its tenant's stream, to the live listeners (SSE subscribers, the
 * membership cache); and every event as it is received, before it is stored, to the listeners that keep state
 * which only needs each topic's own order (the router: storing and placing would delay a route by two
 * transactions). Listeners are called on the consumer's thread and must not block.
 */
@ApplicationScoped
public class EventBroadcaster {
    private static final Logger LOG = Logger.getLogger(EventBroadcaster.class);

    private final List<Consumer<CloudEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<CloudEvent>> receivers = new CopyOnWriteArrayList<>();

    /** Registers {@code listener} for placed events; run the returned action to unregister it. */
    public Runnable subscribe(Consumer<CloudEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Registers {@code receiver} for events as they are received: in each topic's order, but maybe more than once
     * (a redelivery), so what it does must be idempotent.
     */
    public void onReceipt(Consumer<CloudEvent> receiver) {
        receivers.add(receiver);
    }

    public void publish(CloudEvent event) {
        handTo(listeners, event);
    }

    public void received(CloudEvent event) {
        handTo(receivers, event);
    }

    private static void handTo(List<Consumer<CloudEvent>> listeners, CloudEvent event) {
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
