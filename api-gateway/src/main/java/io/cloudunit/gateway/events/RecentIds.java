package io.cloudunit.gateway.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The ids of the last events this gateway instance broadcast (bounded: the oldest are forgotten). */
final class RecentIds {
    private final Map<UUID, Boolean> ids;

    RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(capacity, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** {@code true} the first time {@code id} is seen (within the window). */
    synchronized boolean firstTime(UUID id) {
        return ids.put(id, Boolean.TRUE) == null;
    }
}
