package io.cloudunit.gateway.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cloudunit.platform.events.CloudEvent;

/**
 * Puts each tenant's events back in causal order, whatever topic and partition brought them. An event numbered
 * {@code n} by its source is released once that source's {@code n-1} was released and every event its
 * {@code after} names was; until then it is held. An event held longer than the bound is released anyway
 * (the one it waits for may never come: a producer lost it, or a consumer sent it to a dead-letter queue),
 * and one that arrives after its place was given up is released at once rather than dropped.
 * Callers deduplicate by id first. Not thread-safe: one caller at a time.
 */
final class EventOrder {
    private final long boundMillis;
    private final Map<String, Map<String, Long>> released = new HashMap<>();
    private final Map<String, List<Held>> held = new LinkedHashMap<>();

    private record Held(CloudEvent event, long sinceMillis) {
    }

    EventOrder(long boundMillis) {
        this.boundMillis = boundMillis;
    }

    /** What was already released before this instance started: {@code source}'s events up to {@code sequence}. */
    void releasedBefore(String tenant, String source, long sequence) {
        released.computeIfAbsent(tenant, t -> new HashMap<>()).merge(source, sequence, Math::max);
    }

    /** Takes one event in; returns the events now released, in order (possibly none, possibly several). */
    List<CloudEvent> offer(CloudEvent event, long nowMillis) {
        if (event.sequence() == null || event.sequence() <= last(event.tenant(), event.source())) {
            return List.of(event);
        }
        held.computeIfAbsent(event.tenant(), t -> new ArrayList<>()).add(new Held(event, nowMillis));
        List<CloudEvent> out = new ArrayList<>();
        releaseReady(event.tenant(), out);
        return out;
    }

    /** Releases, per tenant, the events held longer than the bound and those they were holding up. */
    List<CloudEvent> expire(long nowMillis) {
        List<CloudEvent> out = new ArrayList<>();
        for (String tenant : List.copyOf(held.keySet())) {
            List<Held> waiting;
            while ((waiting = held.get(tenant)) != null && nowMillis - waiting.get(0).sinceMillis() >= boundMillis) {
                release(tenant, waiting.remove(0).event(), out);
                releaseReady(tenant, out);
            }
        }
        return out;
    }

    int heldCount() {
        return held.values().stream().mapToInt(List::size).sum();
    }

    private void releaseReady(String tenant, List<CloudEvent> out) {
        boolean progress = true;
        while (progress && held.containsKey(tenant)) {
            progress = false;
            for (Iterator<Held> it = held.get(tenant).iterator(); it.hasNext();) {
                CloudEvent candidate = it.next().event();
                if (ready(candidate)) {
                    it.remove();
                    release(tenant, candidate, out);
                    progress = true;
                    break;
                }
            }
        }
    }

    private boolean ready(CloudEvent event) {
        long last = last(event.tenant(), event.source());
        if (event.sequence() <= last) {
            return true; // its place was given up when a later one of its source was released after the bound
        }
        if (event.sequence() != last + 1) {
            return false;
        }
        return event.after().entrySet().stream()
                .allMatch(cause -> last(event.tenant(), cause.getKey()) >= cause.getValue());
    }

    private void release(String tenant, CloudEvent event, List<CloudEvent> out) {
        releasedBefore(tenant, event.source(), event.sequence());
        if (held.containsKey(tenant) && held.get(tenant).isEmpty()) {
            held.remove(tenant);
        }
        out.add(event);
    }

    private long last(String tenant, String source) {
        return released.getOrDefault(tenant, Map.of()).getOrDefault(source, 0L);
    }
}
