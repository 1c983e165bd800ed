package io.cloudunit.deployer.reconcile;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Repairs of an app that keep failing are retried less and less often (up to {@link #MAX}). */
final class Backoff {
    static final Duration MAX = Duration.ofMinutes(5);

    private record Entry(int failures, long notBeforeNanos) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    boolean due(String key) {
        Entry entry = entries.get(key);
        return entry == null || System.nanoTime() >= entry.notBeforeNanos();
    }

    void failed(String key, Duration base) {
        entries.compute(key, (k, old) -> {
            int failures = old == null ? 1 : old.failures() + 1;
            long delay = Math.min(MAX.toNanos(), base.toNanos() << Math.min(failures, 16));
            return new Entry(failures, System.nanoTime() + delay);
        });
    }

    void succeeded(String key) {
        entries.remove(key);
    }
}
