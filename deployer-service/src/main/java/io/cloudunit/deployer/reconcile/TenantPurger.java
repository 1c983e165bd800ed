package io.cloudunit.deployer.reconcile;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.app.AppSpecService;
import io.cloudunit.deployer.docker.ContainerInfo;
import io.cloudunit.deployer.docker.ContainerRuntime;
import io.cloudunit.deployer.instance.Instance;
import io.cloudunit.deployer.instance.InstanceService;
import io.cloudunit.deployer.purge.TenantRows;
import io.cloudunit.deployer.runtime.AppLocks;
import io.cloudunit.deployer.runtime.Blocking;
import io.cloudunit.deployer.runtime.InstanceLauncher;
import io.cloudunit.deployer.runtime.Labels;
import io.cloudunit.deployer.runtime.SpareSandboxes;
import io.cloudunit.platform.purge.TenantPurgeLedger;

/**
 * The reconciler's part of a tenant deletion: for each pending purge, every container labelled with the tenant
 * is announced stopped and removed, then the tenant's network (only when it carries this deployer's labels),
 * then, in one transaction, its rows go, the purge is done and tenant.purged is emitted. Runs on every
 * reconciler pass and right after a tenant event; every step is idempotent, so a purge that failed half-way
 * (or a deployer killed half-way) goes on at the next pass. Containers and networks without this deployer's
 * labels are never touched: if one of them keeps the tenant network in use, the purge waits.
 */
@ApplicationScoped
public class TenantPurger {
    private static final Logger LOG = Logger.getLogger(TenantPurger.class);

    private final TenantPurgeLedger ledger;
    private final TenantRows rows;
    private final AppSpecService specs;
    private final ContainerRuntime runtime;
    private final InstanceLauncher launcher;
    private final InstanceService instances;
    private final AppLocks locks;
    private final SpareSandboxes sandboxes;
    private final DeployerConfig config;
    private final ReentrantLock passLock = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private final ExecutorService onEvent = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "tenant-purger");
        thread.setDaemon(true);
        return thread;
    });

    public TenantPurger(TenantPurgeLedger ledger, TenantRows rows, AppSpecService specs, ContainerRuntime runtime,
            InstanceLauncher launcher, InstanceService instances, AppLocks locks, SpareSandboxes sandboxes,
            DeployerConfig config) {
        this.ledger = ledger;
        this.rows = rows;
        this.specs = specs;
        this.runtime = runtime;
        this.launcher = launcher;
        this.instances = instances;
        this.locks = locks;
        this.sandboxes = sandboxes;
        this.config = config;
    }

    /** A purge pass soon, off the caller's thread (the caller is a Kafka consumer that just committed). */
    public void wakeUp() {
        try {
            onEvent.execute(this::purgePending);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Every pending purge, one after the other. A pass asked for while one runs makes that one go round again. */
    public void purgePending() {
        again.set(true);
        while (again.get() && passLock.tryLock()) {
            try {
                again.set(false);
                List<String> pending = Blocking.await(ledger::pending);
                pending.forEach(this::purge);
            } catch (RuntimeException e) {
                LOG.warnf("cannot read the pending tenant purges, next pass retries: %s", e.getMessage());
            } finally {
                passLock.unlock();
            }
        }
    }

    void purge(String tenant) {
        try {
            // Done by the consumer already; again here so that the pending row alone is enough to go on from.
            Blocking.await(() -> specs.markTenantDeleted(tenant));
            removeContainers(tenant);
            removeNetwork(tenant);
            Blocking.await(() -> rows.finishPurge(tenant));
        } catch (RuntimeException e) {
            String error = e.getMessage() != null ? e.getMessage() : e.toString();
            LOG.warnf("purge of tenant %s incomplete, the next pass goes on: %s", tenant, error);
            try {
                Blocking.await(() -> ledger.failed(tenant, error));
            } catch (RuntimeException notRecorded) {
                LOG.debugf("cannot record the purge failure of %s: %s", tenant, notRecorded.getMessage());
            }
        }
    }

    /**
     * App by app under the app's lock, so that no rollout acts on it meanwhile (one that starts later sees the
     * purge and fails its deployment). An app being rolled out right now is left for the next pass.
     */
    private void removeContainers(String tenant) {
        Set<String> apps = new TreeSet<>(Blocking.await(() -> rows.appsOf(tenant)));
        runtime.list(Labels.ofTenant(config.scope(), tenant)).stream()
                .map(c -> c.label(Labels.APP)).filter(app -> app != null).forEach(apps::add);
        List<String> busy = apps.stream()
                .filter(app -> !locks.tryRun(tenant + "/" + app, () -> removeApp(tenant, app)))
                .toList();
        if (!busy.isEmpty()) {
            throw new IllegalStateException("apps " + busy + " are being rolled out");
        }
        List<String> left = runtime.list(Labels.ofTenant(config.scope(), tenant)).stream()
                .map(ContainerInfo::name).toList();
        left.forEach(launcher::remove);
    }

    /** The router first learns that the instances stop serving, then they are stopped and removed. */
    private void removeApp(String tenant, String app) {
        List<Instance> rows = Blocking.await(() -> instances.ofApp(tenant, app));
        if (!rows.isEmpty()) {
            Blocking.await(() -> instances.recordStopped(tenant, app, rows.stream()
                    .map(row -> new InstanceService.Stopped(row.name, row.version)).toList()));
        }
        for (ContainerInfo container : runtime.list(Labels.ofApp(config.scope(), tenant, app))) {
            launcher.remove(container.name());
            LOG.infof("tenant %s being deleted: container %s removed", tenant, container.name());
        }
    }

    private void removeNetwork(String tenant) {
        sandboxes.removeOrphansOf(tenant); // before the network: the engine refuses while they are on it
        String network = Labels.network(tenant);
        if (!runtime.removeNetwork(network, Labels.ofTenant(config.scope(), tenant))) {
            throw new IllegalStateException("network " + network + " is still in use by containers this deployer "
                    + "did not create; it is removed once they are gone");
        }
    }

    @PreDestroy
    void stop() {
        onEvent.shutdownNow();
    }
}
