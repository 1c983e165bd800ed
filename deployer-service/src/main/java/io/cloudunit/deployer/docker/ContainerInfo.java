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
 * @param finishedAt   when it last exited, exactly as the engine says it (with nanoseconds), inspect only
 * @param oomKilled    whether its last exit was the kernel's OOM killer, inspect only
 */
public record ContainerInfo(String id, String name, Map<String, String> labels, String status, Integer exitCode,
        int restartCount, Map<String, String> networkIps, Integer hostPort, String startedAt, String finishedAt,
        boolean oomKilled) {

    public ContainerInfo(String id, String name, Map<String, String> labels, String status, Integer exitCode,
            int restartCount, Map<String, String> networkIps, Integer hostPort, String startedAt) {
        this(id, name, labels, status, exitCode, restartCount, networkIps, hostPort, startedAt, null, false);
    }

    /** Without a start time (a listing: the engine tells it on inspection only). */
    public ContainerInfo(String id, String name, Map<String, String> labels, String status, Integer exitCode,
            int restartCount, Map<String, String> networkIps, Integer hostPort) {
        this(id, name, labels, status, exitCode, restartCount, networkIps, hostPort, null);
    }

    /**
     * The same container seen with the network of the sandbox it joined (its addresses and published port); none
     * when the sandbox is gone (null) or stopped.
     */
    public ContainerInfo onNetworkOf(ContainerInfo sandbox) {
        boolean up = sandbox != null && sandbox.running();
        return new ContainerInfo(id, name, labels, status, exitCode, restartCount, up ? sandbox.networkIps() : Map.of(),
                up ? sandbox.hostPort() : null, startedAt, finishedAt, oomKilled);
    }

    public boolean running() {
        return "running".equals(status);
    }

    /** Exited (or dead) and not being restarted by the engine. */
    public boolean exited() {
        return "exited".equals(status) || "dead".equals(status);
    }

    /** The engine's restart policy brings it back by itself after a crash. */
    public boolean restarting() {
        return "restarting".equals(status);
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
