package io.cloudunit.deployer.docker;

import java.util.Map;
import java.util.Optional;

/**
 * A container as the engine sees it.
 *
 * @param status       the engine's state: created, running, restarting, exited, dead, paused, removing
 * @param exitCode     last exit code, when known (inspect only)
 * @param restartCount restarts done by the engine's restart policy (inspect only, else 0)
 * @param networkIps   address of the container on each network it joined
 * @param hostPort     the published host port of the app port, when known
 * @param startedAt    when the engine last started it (RFC 3339), inspect only
 * @param oomKilled    the kernel killed its last run for exceeding the memory limit (inspect only, else false)
 */
public record ContainerInfo(String id, String name, Map<String, String> labels, String status, Integer exitCode,
        int restartCount, Map<String, String> networkIps, Integer hostPort, String startedAt, boolean oomKilled) {

    /** Not known to be OOM-killed. */
    public ContainerInfo(String id, String name, Map<String, String> labels, String status, Integer exitCode,
            int restartCount, Map<String, String> networkIps, Integer hostPort, String startedAt) {
        this(id, name, labels, status, exitCode, restartCount, networkIps, hostPort, startedAt, false);
    }

    /** Without a start time (a listing: the engine tells it on inspection only). */
    public ContainerInfo(String id, String name, Map<String, String> labels, String status, Integer exitCode,
            int restartCount, Map<String, String> networkIps, Integer hostPort) {
        this(id, name, labels, status, exitCode, restartCount, networkIps, hostPort, null);
    }

    public boolean running() {
        return "running".equals(status);
    }

    /**
     * Exited, died, or crashed and restarted by the engine since we saw {@code restartsBefore} restarts: it will
     * not become healthy by waiting.
     */
    public boolean failed(int restartsBefore) {
        return "exited".equals(status) || "dead".equals(status) || "restarting".equals(status)
                || restartCount > restartsBefore;
    }

    public Optional<String> ipOn(String network) {
        return Optional.ofNullable(networkIps.get(network)).filter(ip -> !ip.isBlank());
    }

    public String label(String key) {
        return labels.get(key);
    }
}
