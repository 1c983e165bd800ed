package io.cloudunit.deployer.crash;

/**
 * One exit of an instance, as the engine tells it.
 *
 * @param exitedAt the engine's FinishedAt of this exit (the event's time when the container is already gone): with
 *                 the container id, what makes an exit the same exit however often it is seen
 */
public record Exit(String containerId, String exitedAt, String tenant, String app, String instance, int version,
        int exitCode, boolean oomKilled) {
}
