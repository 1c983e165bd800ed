package io.cloudunit.deployer.rollout;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.docker.ContainerInfo;
import io.cloudunit.deployer.docker.ContainerRuntime;
import io.cloudunit.deployer.docker.ContainerRuntimeException;
import io.cloudunit.deployer.instance.InstanceService;
import io.cloudunit.deployer.release.AutomaticRollbacks;
import io.cloudunit.deployer.runtime.AppLocks;
import io.cloudunit.deployer.runtime.AppTarget;
import io.cloudunit.deployer.runtime.Blocking;
import io.cloudunit.deployer.runtime.HealthGate;
import io.cloudunit.deployer.runtime.InstanceLauncher;
import io.cloudunit.deployer.runtime.Labels;
import io.cloudunit.platform.purge.TenantPurgeLedger;

/**
 * One health-gated rollout (DESIGN §5): start the release's instances, wait until each answers, switch
 * (instance.started + deployment.succeeded), then announce and remove the previous release's instances. If the
 * new instances never get healthy they are removed and the previous release keeps serving. Blocking.
 */
@ApplicationScoped
public class Rollout {
    private static final Logger LOG = Logger.getLogger(Rollout.class);

    private final InstanceLauncher launcher;
    private final HealthGate gate;
    private final ContainerRuntime runtime;
    private final DeploymentService deployments;
    private final InstanceService instances;
    private final AppLocks locks;
    private final TenantPurgeLedger purges;
    private final DeployerConfig config;
    private final RollingRestart restart;
    private final AutomaticRollbacks rollbacks;

    public Rollout(InstanceLauncher launcher, HealthGate gate, ContainerRuntime runtime,
            DeploymentService deployments, InstanceService instances, AppLocks locks, TenantPurgeLedger purges,
            DeployerConfig config, RollingRestart restart, AutomaticRollbacks rollbacks) {
        this.rollbacks = rollbacks;
        this.restart = restart;
        this.purges = purges;
        this.launcher = launcher;
        this.gate = gate;
        this.runtime = runtime;
        this.deployments = deployments;
        this.instances = instances;
        this.locks = locks;
        this.config = config;
    }

    /** Under the app's lock: a rollout of a tenant being deleted (checked once the lock is held) never starts. */
    public void execute(RolloutPlan plan) {
        locks.run(plan.target().key(), () -> {
            if (Blocking.await(() -> purges.isDeleting(plan.target().tenant()))) {
                Blocking.await(() -> deployments.fail(plan, "the tenant is being deleted"));
                return;
            }
            if (plan.kind() == DeploymentKind.RESTART) {
                restart.replace(plan);
            } else {
                roll(plan);
            }
        });
    }

    private void roll(RolloutPlan plan) {
        AppTarget target = plan.target();
        LOG.infof("rolling out %s v%d (%s, %d x %d MB)", target.key(), target.version(), target.image(),
                target.replicas(), target.memoryMb());
        HealthGate.Outcome outcome = startAndWait(target);
        if (outcome instanceof HealthGate.Healthy healthy) {
            Blocking.await(() -> deployments.succeed(plan, healthy.instances()));
            retirePrevious(target);
        } else {
            target.instanceNames().forEach(this::removeQuietly);
            rollbacks.failed(plan, ((HealthGate.Unhealthy) outcome).reason());
        }
    }

    private HealthGate.Outcome startAndWait(AppTarget target) {
        try {
            for (int n = 1; n <= target.replicas(); n++) {
                launcher.launch(target, n);
            }
            return gate.await(target, target.instanceNames());
        } catch (ContainerRuntimeException e) {
            return new HealthGate.Unhealthy(e.getMessage());
        }
    }

    /**
     * The router first learns that the old instances stop serving; after the drain delay they are stopped.
     * Whatever fails here is left to the reconciler, which removes stale releases.
     */
    private void retirePrevious(AppTarget target) {
        List<ContainerInfo> older = runtime.list(Labels.ofApp(config.scope(), target.tenant(), target.app()))
                .stream().filter(c -> Labels.releaseOf(c.labels()) != target.version()).toList();
        List<InstanceService.Stopped> stopped = new ArrayList<>();
        Blocking.await(() -> instances.ofApp(target.tenant(), target.app())).stream()
                .filter(row -> row.version != target.version())
                .forEach(row -> stopped.add(new InstanceService.Stopped(row.name, row.version)));
        older.stream()
                .filter(c -> stopped.stream().noneMatch(s -> s.name().equals(c.name())))
                .forEach(c -> stopped.add(new InstanceService.Stopped(c.name(), Labels.releaseOf(c.labels()))));
        if (stopped.isEmpty()) {
            return;
        }
        Blocking.await(() -> instances.recordStopped(target.tenant(), target.app(), stopped));
        drain();
        older.forEach(c -> removeQuietly(c.name()));
    }

    private void drain() {
        try {
            Thread.sleep(config.drainDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeQuietly(String name) {
        try {
            launcher.remove(name);
        } catch (ContainerRuntimeException e) {
            LOG.warnf("could not remove %s now, the reconciler will: %s", name, e.getMessage());
        }
    }
}
