package io.cloudunit.deployer.instance;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One sample of the app's resource use ({@code docker stats --no-stream}), per running instance and in total.
 *
 * @param sampledAt when the samples were taken
 */
public record StatsView(String tenant, String app, OffsetDateTime sampledAt, List<Instance> instances, Usage total) {

    /** One instance's sample. */
    public record Instance(String instance, int version, Usage usage) {
    }

    /**
     * @param cpuPercent       100 = one full core
     * @param memoryBytes      in use, reclaimable page cache left out
     * @param memoryLimitBytes the limit (the sum of the limits in the total)
     * @param networkRxBytes   received since the container started
     * @param networkTxBytes   sent since the container started
     */
    public record Usage(double cpuPercent, long memoryBytes, long memoryLimitBytes, long networkRxBytes,
            long networkTxBytes) {

        Usage plus(Usage other) {
            return new Usage(Math.round((cpuPercent + other.cpuPercent) * 100d) / 100d, memoryBytes + other.memoryBytes,
                    memoryLimitBytes + other.memoryLimitBytes, networkRxBytes + other.networkRxBytes,
                    networkTxBytes + other.networkTxBytes);
        }
    }
}
