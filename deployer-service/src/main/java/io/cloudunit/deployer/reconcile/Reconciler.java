package io.cloudunit.deployer.reconcile;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.crash.CrashBackoff;
import io.cloudunit.deployer.crash.CrashRecorder;
import io.cloudunit.deployer.docker.ContainerInfo;
import io.cloudunit.deployer.docker.ContainerRuntime;
import io.cloudunit.deployer.docker.ContainerRuntimeException;
import io.cloudunit.deployer.instance.InstanceService;
import io.cloudunit.deployer.release.ReleaseImages;
import io.cloudunit.deployer.rollout.DeploymentService;
import io.cloudunit.deployer.runtime.AppLocks;
import io.cloudunit.deployer.runtime.AppTarget;
import io.cloudunit.deployer.runtime.Blocking;
import io.cloudunit.deployer.runtime.HealthGate;
import io.cloudunit.deployer.runtime.InstanceLauncher;
import io.cloudunit.deployer.runtime.Labels;
import io.cloudunit.deployer.runtime.ServingInstance;
import io.cloudunit.deployer.runtime.SpareSandboxes;
import io.cloudunit.deployer.runtime.TenantNetworks;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Level-triggered repair (DESIGN §1, §5): on every pass compares what the database wants with the containers
 * labelled by this deployer and fixes the difference: starts missing or stopped instances of the serving
 * release, removes containers nobody wants, forgets instances that stopped. Containers without our labels are
 * never looked at. An app being rolled out is skipped (its lock is held) and looked at on the next pass. Each
 * pass ends with the pending tenant purges ({@link TenantPurger}).
 */
@ApplicationScoped
public class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final DesiredState desiredState;
    private final ContainerRuntime runtime;
    private final InstanceLauncher launcher;
    private final HealthGate gate;
    private final InstanceService instances;
    private final ReleaseImages images;
    private final DeploymentService deployments;
    private final AppLocks locks;
    private final DeployerConfig config;
    private final TenantPurger purger;
    private final TenantNetworks networks;
    private final SpareSandboxes sandboxes;
    private final Backoff backoff = new Backoff();
    private final CrashRecorder crashes;
    private final CrashBackoff crashBackoff;
    private final ScheduledExecutorService soon = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "reconcile-soon");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;
    private final AtomicLong passes = new AtomicLong();

    public Reconciler(DesiredState desiredState, ContainerRuntime runtime, InstanceLauncher launcher,
            HealthGate gate, InstanceService instances, DeploymentService deployments, AppLocks locks,
            TenantPurger purger, TenantNetworks networks, SpareSandboxes sandboxes, CrashRecorder crashes,
            CrashBackoff crashBackoff, ReleaseImages images, DeployerConfig config) {
        this.sandboxes = sandboxes;
        this.images = images;
        this.crashes = crashes;
        this.crashBackoff = crashBackoff;
        this.purger = purger;
        this.networks = networks;
        this.desiredState = desiredState;
        this.runtime = runtime;
        this.launcher = launcher;
        this.gate = gate;
        this.instances = instances;
        this.deployments = deployments;
        this.locks = locks;
        this.config = config;
    }

    @Scheduled(every = "${cloudunit.deployer.reconcile-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onTimer() {
        if (stopping) {
            return;
        }
        try {
            pass();
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.warnf("reconciliation pass failed, next pass retries: %s", e.getMessage());
            }
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopping = true;
        soon.shutdownNow();
    }

    /**
     * Repairs one app now, off the caller's thread, rather than at the next timer pass: after a lifecycle action or
     * a scale. An app being rolled out is left to the timer (its lock is held).
     */
    public void reconcileSoon(String tenant, String app) {
        reconcileAfter(tenant, app, Duration.ZERO);
    }

    /** After a crash: once its back-off has passed (ADR 0025). */
    public void reconcileAfter(String tenant, String app, Duration delay) {
        try {
            soon.schedule(() -> {
                if (!stopping) {
                    locks.tryRun(tenant + "/" + app, () -> repair(tenant, app));
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            LOG.debugf("not reconciling %s/%s: shutting down", tenant, app);
        }
    }

    /** One full pass, then the pending tenant purges; public so that tests and an operator endpoint can trigger it. */
    public void pass() {
        try {
            converge();
        } finally {
            if (!stopping) {
                purger.purgePending();
            }
        }
    }

    /**
     * One line for each of the first two passes after a start (cold, then warm) and for every pass that repaired
     * something (DEBUG otherwise): how many containers and apps it looked at, how many it repaired, how long it took
     * in all and for reading the desired state and the engine's containers. The reconcile benchmark reads it.
     */
    private void converge() {
        if (!runtime.ping()) {
            LOG.debug("no reconciliation pass: the engine takes no new connection (gone, or shutting down)");
            return;
        }
        long started = System.nanoTime();
        long pass = passes.incrementAndGet();
        PassFigures figures = convergeOnce(started);
        long ms = (System.nanoTime() - started) / 1_000_000;
        String line = "reconcile pass %d: %d containers of %d apps, %d repaired, %d ms (desired state %d ms, "
                + "containers %d ms)";
        if (pass <= 2 || figures.repaired() > 0) {
            LOG.infof(line, pass, figures.containers(), figures.apps(), figures.repaired(), ms, figures.snapshotMs(),
                    figures.listMs());
        } else {
            LOG.debugf(line, pass, figures.containers(), figures.apps(), figures.repaired(), ms, figures.snapshotMs(),
                    figures.listMs());
        }
    }

    private record PassFigures(int containers, int apps, int repaired, long snapshotMs, long listMs) {
    }

    private PassFigures convergeOnce(long started) {
        DesiredState.Snapshot snapshot = Blocking.await(desiredState::snapshot);
        long read = System.nanoTime();
        List<ContainerInfo> actual = runtime.list(Labels.managed(config.scope()));
        long listed = System.nanoTime();
        Map<String, List<ContainerInfo>> byApp = actual.stream()
                .filter(c -> c.label(Labels.TENANT) != null && c.label(Labels.APP) != null)
                .collect(Collectors.groupingBy(c -> c.label(Labels.TENANT) + "/" + c.label(Labels.APP)));
        Set<String> keys = new LinkedHashSet<>(snapshot.apps().keySet());
        keys.addAll(byApp.keySet());
        int repaired = 0;
        for (String key : keys) {
            String tenant = key.substring(0, key.indexOf('/'));
            String app = key.substring(key.indexOf('/') + 1);
            DesiredState.AppState state = snapshot.app(tenant, app);
            Convergence drift = Convergence.plan(state.desired(), byApp.getOrDefault(key, List.of()), state.rows());
            if (!drift.isEmpty() && backoff.due(key) && locks.tryRun(key, () -> repair(tenant, app))
                    && !drift.checksOnly()) {
                repaired++;
            }
        }
        Blocking.await(deployments::failAbandoned);
        Set<String> withInstances = actual.stream().map(c -> c.label(Labels.TENANT)).collect(Collectors.toSet());
        sandboxes.tidy(new SpareSandboxes.SandboxNeeds(
                actual.stream().map(ContainerInfo::name).collect(Collectors.toSet()), withInstances,
                tenantsKeepingSpares(snapshot, withInstances)));
        removeUnusedNetworks(snapshot, actual);
        return new PassFigures(actual.size(), keys.size(), repaired, (read - started) / 1_000_000,
                (listed - read) / 1_000_000);
    }

    /** Under the app's lock, with fresh state: the drift seen in the snapshot may be gone already. */
    private void repair(String tenant, String app) {
        String key = tenant + "/" + app;
        long began = System.nanoTime();
        AppTarget target = null;
        if (!runtime.ping()) {
            // gone, or shutting down: its open connections would still remove and start containers meanwhile
            LOG.debugf("not reconciling %s: the engine takes no new connection", key);
            return;
        }
        try {
            DesiredState.AppState state = Blocking.await(() -> desiredState.app(tenant, app));
            target = state.desired().target();
            List<ContainerInfo> containers = runtime.list(Labels.ofApp(config.scope(), tenant, app));
            Convergence plan = Convergence.plan(state.desired(), containers, state.rows(), unhealthyTooLongBefore());
            if (plan.isEmpty()) {
                return;
            }
            if (target != null && !plan.launch().isEmpty() && crashes.catchUp(containers,
                    plan.launch().stream().map(target::instanceName).toList())) {
                return; // an exit nobody had recorded: its crash back-off says when to relaunch
            }
            if (!crashBackoff.due(key)) {
                plan = plan.withoutLaunches(); // the crash that set the back-off scheduled the relaunch
                if (plan.isEmpty()) {
                    return;
                }
            }
            // A check alone is repeated at every pass while an instance stays unhealthy: not worth a line each time.
            LOG.logf(plan.checksOnly() ? Logger.Level.DEBUG : Logger.Level.INFO,
                    "reconciling %s: retire %s, remove %s, launch replicas %s, check %s", key,
                    plan.retire().stream().map(InstanceService.Stopped::name).toList(), plan.remove(),
                    plan.launch(), plan.adopt());
            apply(state.desired(), plan);
            backoff.succeeded(key);
        } catch (RuntimeException e) {
            if (stopping) {
                return;
            }
            if (crashedMeanwhile(tenant, app, began)) {
                return; // the crash counts once, in the crash back-off
            }
            backoff.failed(key, config.reconcileInterval());
            if (target != null && imageGone(target)) {
                LOG.warnf("%s cannot run: the image %s of v%d is gone from the engine (deploy a build whose image is "
                        + "still there, or upload one); retrying later", key, target.image(), target.version());
                return;
            }
            LOG.warnf("could not reconcile %s, retrying later: %s", key, e.getMessage());
        }
    }

    private boolean imageGone(AppTarget target) {
        try {
            return !images.stillThere(target);
        } catch (RuntimeException engineOrDatabaseDown) {
            return false;
        }
    }

    private OffsetDateTime unhealthyTooLongBefore() {
        Duration after = config.livenessRestartAfter();
        return after.isZero() ? null : OffsetDateTime.now().minus(after);
    }

    /** A relaunched instance that exits again fails the repair: that is a crash, not an engine failure. */
    private boolean crashedMeanwhile(String tenant, String app, long began) {
        if (crashes.crashedSince(tenant, app, began)) {
            return true;
        }
        try {
            List<ContainerInfo> containers = runtime.list(Labels.ofApp(config.scope(), tenant, app));
            return crashes.anyCrashed(containers, containers.stream().map(ContainerInfo::name).toList());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void apply(AppDesired desired, Convergence plan) {
        if (!plan.retire().isEmpty()) {
            Blocking.await(() -> instances.recordStopped(desired.tenant(), desired.app(), plan.retire()));
            if (plan.retire().stream().anyMatch(r -> plan.remove().contains(r.name()))) {
                drain(); // a scale down or a stop: the router stops sending before the instance goes
            }
        }
        plan.remove().forEach(launcher::remove);
        AppTarget target = desired.target();
        if (target == null) {
            return;
        }
        List<String> answering = adoptAnswering(target, plan.adopt());
        List<Integer> launches = new ArrayList<>(plan.launch());
        launches.addAll(removeUnhealthy(target, plan.replace(), answering));
        if (launches.isEmpty()) {
            return;
        }
        List<String> starting = new ArrayList<>();
        for (int n : launches) {
            launcher.launch(target, n);
            starting.add(target.instanceName(n));
        }
        HealthGate.Outcome outcome = gate.await(target, starting);
        if (outcome instanceof HealthGate.Healthy healthy) {
            record(target, healthy.instances());
        } else {
            throw new ContainerRuntimeException(((HealthGate.Unhealthy) outcome).reason(), null);
        }
    }

    /**
     * Running instances not known healthy (left starting by a previous run, or unhealthy since): each is probed
     * once, those that answer serve again, the others are probed again at the next pass. Never waited for: one
     * that stays unhealthy would hold up the repairs of every other app for the whole health grace (ADR 0029).
     */
    private List<String> adoptAnswering(AppTarget target, List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<ServingInstance> answering = gate.answeringNow(target, names);
        if (!answering.isEmpty()) {
            record(target, answering);
        }
        return answering.stream().map(ServingInstance::name).toList();
    }

    /**
     * Instances unhealthy for longer than {@code liveness-restart-after} that still do not answer: out of the router
     * since, they only hold a replica's place. Announced stopped and removed (the platform's own stop, not a crash);
     * the caller launches their replicas again (ADR 0029, amended).
     */
    private List<Integer> removeUnhealthy(AppTarget target, List<Integer> replicas, List<String> answering) {
        List<Integer> removed = new ArrayList<>();
        for (int n : replicas) {
            String name = target.instanceName(n);
            if (answering.contains(name)) {
                continue;
            }
            LOG.warnf("instance %s of %s/%s has failed its health checks for more than %d s: replacing it", name,
                    target.tenant(), target.app(), config.livenessRestartAfter().toSeconds());
            Blocking.await(() -> instances.recordStopped(target.tenant(), target.app(),
                    List.of(new InstanceService.Stopped(name, target.version()))));
            launcher.remove(name);
            removed.add(n);
        }
        return removed;
    }

    private void record(AppTarget target, List<ServingInstance> serving) {
        Blocking.await(() -> instances.recordStarted(target.tenant(), target.app(), serving));
    }

    private void drain() {
        try {
            Thread.sleep(config.drainDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Tenants with instances, and those with an app that is not deleted unless they are suspended: the next start of
     * an app stopped or scaled to 0 is as fast as any other. A suspended tenant keeps nothing running (ADR 0014).
     */
    private static Set<String> tenantsKeepingSpares(DesiredState.Snapshot snapshot, Set<String> withInstances) {
        Set<String> tenants = new HashSet<>(withInstances);
        snapshot.apps().values().stream().map(state -> state.desired().tenant())
                .filter(snapshot.liveTenants()::contains).forEach(tenants::add);
        return tenants;
    }

    /**
     * A tenant's network goes when the tenant has no app left, no container and nothing rolling out. The snapshot
     * may predate a new tenant's first launch: {@link TenantNetworks} checks again under the tenant's lock.
     */
    private void removeUnusedNetworks(DesiredState.Snapshot snapshot, List<ContainerInfo> actual) {
        Set<String> used = actual.stream().map(c -> c.label(Labels.TENANT)).collect(Collectors.toSet());
        for (String network : runtime.listNetworks(Labels.managed(config.scope()))) {
            String tenant = network.startsWith("cu-net-") ? network.substring("cu-net-".length()) : null;
            if (tenant != null && !used.contains(tenant) && !snapshot.liveTenants().contains(tenant)
                    && !snapshot.busyTenants().contains(tenant)) {
                networks.removeIfUnused(tenant);
            }
        }
    }
}
