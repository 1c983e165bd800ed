package io.cloudunit.deployer.docker;

/**
 * One sample of a container's resource use, as {@code docker stats --no-stream} shows it.
 *
 * @param cpuPercent    share of one CPU used since the previous sample (100 = one full core)
 * @param memoryBytes   memory in use, page cache that can be reclaimed left out
 * @param memoryLimit   the container's memory limit
 * @param networkRx     bytes received on every network since the container started
 * @param networkTx     bytes sent
 */
public record ContainerStats(double cpuPercent, long memoryBytes, long memoryLimit, long networkRx, long networkTx) {
}
