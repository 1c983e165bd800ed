package io.cloudunit.deployer.runtime;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.docker.ContainerRuntime;

/**
 * Each tenant's bridge network, created by a launch and removed by the reconciler once nothing uses it. Both
 * happen under the tenant's lock: a launch holds it from creating the network until its container exists, and
 * the reconciler removes a network only if it gets the lock and then finds no labelled container of the tenant.
 * Without it, a pass that took its snapshot before a new tenant's first rollout could remove the network the
 * rollout had just created, between the network and the container (ADR 0026).
 */
@ApplicationScoped
public class TenantNetworks {
    private final ContainerRuntime runtime;
    private final DeployerConfig config;
    private final KeyedLocks locks = new KeyedLocks();

    public TenantNetworks(ContainerRuntime runtime, DeployerConfig config) {
        this.runtime = runtime;
        this.config = config;
    }

    /** Ensures the tenant's network, then attaches (creates the container) while no removal can happen. */
    public <T> T attach(String tenant, Supplier<T> createContainer) {
        ReentrantLock lock = lockOf(tenant);
        lock.lock();
        try {
            runtime.ensureNetwork(Labels.network(tenant), Labels.ofTenant(config.scope(), tenant));
            return createContainer.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes the tenant's network unless a launch for the tenant is under way or a container labelled with the
     * tenant exists (looked up now, not in an earlier snapshot). Answers whether it is gone.
     */
    public boolean removeIfUnused(String tenant) {
        ReentrantLock lock = lockOf(tenant);
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (!runtime.list(Labels.ofTenant(config.scope(), tenant)).isEmpty()) {
                return false;
            }
            return runtime.removeNetwork(Labels.network(tenant), Labels.ofTenant(config.scope(), tenant));
        } finally {
            lock.unlock();
        }
    }

    /** Runs the action under the tenant's lock unless a launch holds it; false when it did not run. */
    public boolean tryUnderLock(String tenant, Runnable action) {
        return locks.tryRun(tenant, action);
    }

    /** Held by a test to stand for a launch caught between creating the network and creating its container. */
    public ReentrantLock lockOf(String tenant) {
        return locks.lockOf(tenant);
    }
}
