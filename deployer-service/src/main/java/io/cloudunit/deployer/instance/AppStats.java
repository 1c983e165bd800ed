package io.cloudunit.deployer.instance;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.deployer.docker.ContainerInfo;
import io.cloudunit.deployer.docker.ContainerRuntime;
import io.cloudunit.deployer.docker.ContainerStats;
import io.cloudunit.deployer.runtime.Labels;

/**
 * One sample per running instance, taken in parallel (the engine needs about a second per sample to compute the
 * CPU share). Blocking.
 */
@ApplicationScoped
public class AppStats {
    private static final StatsView.Usage NONE = new StatsView.Usage(0, 0, 0, 0, 0);

    private final InstanceInspector inspector;
    private final ContainerRuntime runtime;
    private final ExecutorService samplers;

    public AppStats(InstanceInspector inspector, ContainerRuntime runtime) {
        this.inspector = inspector;
        this.runtime = runtime;
        AtomicInteger threads = new AtomicInteger();
        this.samplers = Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task, "stats-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public StatsView of(String tenant, String app) {
        OffsetDateTime now = OffsetDateTime.now();
        List<CompletableFuture<Optional<StatsView.Instance>>> samples = inspector.containers(tenant, app).stream()
                .filter(ContainerInfo::running)
                .map(c -> CompletableFuture.supplyAsync(() -> sample(c), samplers))
                .toList();
        List<StatsView.Instance> instances = samples.stream().map(CompletableFuture::join)
                .flatMap(Optional::stream).toList();
        StatsView.Usage total = instances.stream().map(StatsView.Instance::usage).reduce(NONE, StatsView.Usage::plus);
        return new StatsView(tenant, app, now, instances, total);
    }

    /** Empty when the container stopped meanwhile. */
    private Optional<StatsView.Instance> sample(ContainerInfo container) {
        return runtime.stats(container.name()).map(s -> new StatsView.Instance(container.name(),
                Labels.releaseOf(container.labels()), usage(s)));
    }

    private static StatsView.Usage usage(ContainerStats s) {
        return new StatsView.Usage(s.cpuPercent(), s.memoryBytes(), s.memoryLimit(), s.networkRx(), s.networkTx());
    }

    @PreDestroy
    void stop() {
        samplers.shutdownNow();
    }
}
