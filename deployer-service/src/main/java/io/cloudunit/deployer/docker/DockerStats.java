package io.cloudunit.deployer.docker;

import java.util.Map;
import java.util.Optional;

import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.StatisticNetworksConfig;
import com.github.dockerjava.api.model.Statistics;

/** The engine's raw statistics turned into what {@code docker stats} shows (same formulas as the CLI). */
final class DockerStats {
    private DockerStats() {
    }

    /** Empty for a container that does not run (the engine answers zeros then). */
    static Optional<ContainerStats> of(Statistics s) {
        MemoryStatsConfig memory = s.getMemoryStats();
        if (memory == null || memory.getUsage() == null || s.getCpuStats() == null) {
            return Optional.empty();
        }
        long[] network = network(s.getNetworks());
        return Optional.of(new ContainerStats(cpuPercent(s.getCpuStats(), s.getPreCpuStats()), memoryUsed(memory),
                value(memory.getLimit()), network[0], network[1]));
    }

    static double cpuPercent(CpuStatsConfig now, CpuStatsConfig before) {
        if (now.getCpuUsage() == null || before == null || before.getCpuUsage() == null) {
            return 0;
        }
        double cpu = value(now.getCpuUsage().getTotalUsage()) - value(before.getCpuUsage().getTotalUsage());
        double system = value(now.getSystemCpuUsage()) - value(before.getSystemCpuUsage());
        long cpus = now.getOnlineCpus() != null ? now.getOnlineCpus()
                : now.getCpuUsage().getPercpuUsage() != null ? now.getCpuUsage().getPercpuUsage().size() : 1;
        return cpu > 0 && system > 0 ? Math.round(cpu / system * cpus * 10000d) / 100d : 0;
    }

    /** Usage without the inactive page cache (cgroup v1: total_inactive_file, v2: inactive_file), like the CLI. */
    static long memoryUsed(MemoryStatsConfig memory) {
        long usage = value(memory.getUsage());
        if (memory.getStats() == null) {
            return usage;
        }
        Long inactive = memory.getStats().getTotalInactiveFile() != null ? memory.getStats().getTotalInactiveFile()
                : memory.getStats().getInactiveFile();
        return inactive != null && inactive < usage ? usage - inactive : usage;
    }

    private static long[] network(Map<String, StatisticNetworksConfig> networks) {
        long rx = 0;
        long tx = 0;
        if (networks != null) {
            for (StatisticNetworksConfig n : networks.values()) {
                rx += value(n.getRxBytes());
                tx += value(n.getTxBytes());
            }
        }
        return new long[] {rx, tx};
    }

    private static long value(Long value) {
        return value == null ? 0 : value;
    }
}
