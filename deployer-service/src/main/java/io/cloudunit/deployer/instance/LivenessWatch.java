package io.cloudunit.deployer.instance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.app.AppSpec;
import io.cloudunit.deployer.app.AppSpecRepository;
import io.cloudunit.deployer.runtime.Blocking;
import io.cloudunit.deployer.runtime.HealthGate;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Failing health after the rollout (DESIGN §5, ADR 28): every serving instance is probed like the health gate does
 * (its health path, or TCP); after {@code liveness-failures} failures in a row it becomes unhealthy: instance.unhealthy,
 * the router stops sending to it, and the reconciler, which health-checks every running instance of the serving
 * release that is not known healthy, brings it back (instance.started) as soon as it answers again. The container is
 * left running: an app that hangs for a moment (a long GC pause, a full pool) recovers without losing its state, and
 * one that has died is the crash handling's (ADR 25).
 */
@ApplicationScoped
public class LivenessWatch {
    private static final Logger LOG = Logger.getLogger(LivenessWatch.class);

    private final InstanceService instances;
    private final AppSpecRepository specs;
    private final HealthGate gate;
    private final DeployerConfig config;
    private final Map<String, Integer> failuresInARow = new ConcurrentHashMap<>();

    public LivenessWatch(InstanceService instances, AppSpecRepository specs, HealthGate gate, DeployerConfig config) {
        this.instances = instances;
        this.specs = specs;
        this.gate = gate;
        this.config = config;
    }

    @Scheduled(every = "${cloudunit.deployer.liveness-interval:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probeServingInstances() {
        try {
            List<Instance> serving = Blocking.await(instances::serving);
            Map<String, String> healthPaths = Blocking.await(this::healthPaths);
            Set<String> names = serving.stream().map(i -> i.name).collect(Collectors.toSet());
            failuresInARow.keySet().retainAll(names);
            serving.forEach(instance -> probe(instance, healthPaths.get(instance.tenant + "/" + instance.app)));
        } catch (RuntimeException e) {
            LOG.warnf("liveness probes skipped this time: %s", e.getMessage());
        }
    }

    private void probe(Instance instance, String healthPath) {
        String problem = instance.address == null ? null : gate.problem(instance.address, healthPath);
        if (problem == null) {
            failuresInARow.remove(instance.name);
            return;
        }
        int failures = failuresInARow.merge(instance.name, 1, Integer::sum);
        if (failures == config.livenessFailures()) {
            String reason = failures + " health checks in a row failed (last: " + problem + ")";
            if (Blocking.await(() -> instances.recordUnhealthy(instance.name, reason))) {
                LOG.warnf("instance %s of %s/%s is unhealthy: %s", instance.name, instance.tenant, instance.app,
                        reason);
            }
        }
    }

    @WithSession
    Uni<Map<String, String>> healthPaths() {
        return specs.listAll().map(all -> {
            Map<String, String> paths = new HashMap<>();
            for (AppSpec spec : all) {
                if (spec.healthPath != null) {
                    paths.put(spec.tenant + "/" + spec.app, spec.healthPath);
                }
            }
            return paths;
        });
    }
}
