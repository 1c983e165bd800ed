package io.cloudunit.deployer.runtime;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.docker.ContainerInfo;
import io.cloudunit.deployer.docker.ContainerRuntime;
import io.cloudunit.deployer.docker.ContainerRuntimeException;
import io.cloudunit.deployer.docker.SandboxSpec;
import io.cloudunit.deployer.docker.Sandboxes;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The network sandboxes on each tenant's network (ADR 0033): a launch takes a spare one, the spares are made up once
 * the instance has started, and a sandbox whose instance is gone is removed under the tenant's lock, which a launch
 * holds from taking a sandbox until its container exists ({@link TenantNetworks}).
 */
@ApplicationScoped
public class SpareSandboxes {
    private static final Logger LOG = Logger.getLogger(SpareSandboxes.class);
    private final ContainerRuntime runtime;
    private final TenantNetworks networks;
    private final DeployerConfig config;
    private final Set<String> refillsDue = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService refills = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "spare-sandboxes");
        thread.setDaemon(true);
        return thread;
    });

    public SpareSandboxes(ContainerRuntime runtime, TenantNetworks networks, DeployerConfig config) {
        this.runtime = runtime;
        this.networks = networks;
        this.config = config;
    }

    /** The sandbox an instance of the tenant joins: on the tenant's network, the app port published. */
    public SandboxSpec sandbox(String tenant) {
        var container = config.container();
        return new SandboxSpec(Labels.network(tenant), Labels.ofTenant(config.scope(), tenant), container.port(),
                container.publishAddress());
    }

    /**
     * The tenant's spare sandboxes are made up again, off the caller's thread and after {@code spare-refill-delay}:
     * once an instance has started (the health gate), and by the reconciler's pass for tenants with instances and
     * too few spares.
     */
    public void refillSoon(String tenant) {
        int spares = config.container().spareSandboxes();
        if (spares <= 0 || !refillsDue.add(tenant)) {
            return;
        }
        try {
            refills.schedule(() -> refill(tenant, spares), config.container().spareRefillDelay().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            refillsDue.remove(tenant);
        }
    }

    private void refill(String tenant, int spares) {
        refillsDue.remove(tenant);
        try {
            // only while it has instances: not for a tenant being purged or suspended meanwhile
            if (!runtime.list(Labels.ofTenant(config.scope(), tenant)).isEmpty()) {
                runtime.keepSpareSandboxes(sandbox(tenant), spares);
            }
        } catch (ContainerRuntimeException e) {
            LOG.debugf("no spare sandbox for %s now, the next launch makes its own: %s", tenant, e.getMessage());
        }
    }

    /** What a reconciler pass saw: every instance container, and which tenants should have spare sandboxes. */
    public record SandboxNeeds(Set<String> instances, Set<String> tenantsWithInstances, Set<String> keepingSpares) {
    }

    /**
     * Removes the sandboxes whose instance is gone, and the spare ones of the tenants not keeping spares (suspended,
     * or with nothing left), each under its tenant's lock (skipped while the tenant launches); makes up the spares
     * of tenants with instances that have too few.
     */
    public void tidy(SandboxNeeds needs) {
        Set<String> sparesChecked = new HashSet<>();
        Map<String, Integer> runningSpares = new HashMap<>();
        for (ContainerInfo sandbox : runtime.listSandboxes(Labels.managed(config.scope()))) {
            String tenant = sandbox.label(Labels.TENANT);
            Optional<String> instance = Sandboxes.instanceOf(sandbox.name());
            if (instance.isPresent() && !needs.instances().contains(instance.get())) {
                networks.tryUnderLock(tenant, () -> runtime.removeOrphanSandbox(sandbox.name()));
            } else if (instance.isEmpty() && !needs.keepingSpares().contains(tenant) && sparesChecked.add(tenant)) {
                networks.tryUnderLock(tenant, () -> runtime.keepSpareSandboxes(sandbox(tenant), 0));
            } else if (instance.isEmpty() && sandbox.running()) {
                runningSpares.merge(tenant, 1, Integer::sum);
            }
        }
        needs.tenantsWithInstances().stream()
                .filter(tenant -> runningSpares.getOrDefault(tenant, 0) < config.container().spareSandboxes())
                .forEach(this::refillSoon);
    }

    /** The tenant's sandboxes whose instance is gone (all of them once its instances are removed); not its spares. */
    public void removeOrphansOf(String tenant) {
        for (ContainerInfo sandbox : runtime.listSandboxes(Labels.ofTenant(config.scope(), tenant))) {
            if (Sandboxes.instanceOf(sandbox.name()).isPresent()) {
                networks.tryUnderLock(tenant, () -> runtime.removeOrphanSandbox(sandbox.name()));
            }
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        refills.shutdownNow();
    }
}
