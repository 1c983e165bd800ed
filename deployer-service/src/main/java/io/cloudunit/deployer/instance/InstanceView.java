package io.cloudunit.deployer.instance;

import java.time.OffsetDateTime;

/**
 * One instance as the API shows it.
 *
 * @param instance  the container's name, {@code cu-<tenant>-<app>-v<release>-<n>}
 * @param id        the engine's container id (12 characters), null when the container is gone
 * @param version   the release it runs
 * @param state     the engine's state in capitals: RUNNING, RESTARTING, EXITED, CREATED…; {@code GONE} when the container no
 *                  longer exists but the deployer has not noticed yet
 * @param health    {@code healthy} (in the router's rotation), {@code starting} (running, not yet answering its
 *                  health check), {@code unhealthy} (not running)
 * @param restarts  restarts made by the engine's restart policy (Docker's RestartCount)
 * @param startedAt when the engine last started the container
 * @param node      host name of the engine it runs on
 * @param address   where the router reaches it on the tenant network ({@code ip:port})
 */
public record InstanceView(String instance, String id, int version, String state, String health, boolean healthy,
        Integer restarts, OffsetDateTime startedAt, String node, String address) {

    /** From the instance table alone (a deployment's instances): what the engine knows is left out. */
    public static InstanceView of(Instance i) {
        return new InstanceView(i.name, null, i.version, i.state, i.healthy ? "healthy" : "unhealthy", i.healthy, null,
                i.startedAt, null, i.address);
    }
}
