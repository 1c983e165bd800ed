package io.cloudunit.deployer.docker;

import java.time.Instant;
import java.util.Map;

/**
 * One container event of the engine.
 *
 * @param action   {@code die}, {@code oom}, {@code health_status: unhealthy} …
 * @param exitCode the exit code a {@code die} carries, else null
 * @param time     when the engine emitted it (nanosecond precision)
 */
public record EngineEvent(String action, String containerId, String name, Map<String, String> labels,
        Integer exitCode, Instant time) {

    public String label(String key) {
        return labels.get(key);
    }
}
