package io.cloudunit.deployer.rollout;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.docker.ContainerRuntimeException;
import io.cloudunit.deployer.instance.InstanceService;
import io.cloudunit.deployer.runtime.AppTarget;
import io.cloudunit.deployer.runtime.Blocking;
import io.cloudunit.deployer.runtime.HealthGate;
import io.cloudunit.deployer.runtime.InstanceLauncher;

/**
 * A restart deployment (ADR 0023): the serving release's instances are replaced one at a time, each taken out of
 * the router (instance.stopped), drained, recreated and health-gated before it serves again (instance.started) and
 * the next one goes. With two replicas or more the others serve meanwhile; a single replica first gets a
 * temporary second one (replica 2, health-gated and in the router) that serves while it is replaced and goes
 * afterwards, so that no request fails (ADR 0026). Should the deployer die in between, the reconciler removes the
 * extra replica like any replica beyond the wanted count. Runs under the app's lock, on a rollout thread. An instance that does not come back fails the deployment and
 * leaves the rest as they are; the reconciler keeps trying to bring the missing one back.
 */
@ApplicationScoped
public class RollingRestart {
    private static final Logger LOG = Logger.getLogger(RollingRestart.class);

    private final InstanceLauncher launcher;
    private final HealthGate gate;
    private final DeploymentService deployments;
    private final InstanceService instances;
    private final DeployerConfig config;

    public RollingRestart(InstanceLauncher launcher, HealthGate gate, DeploymentService deployments,
            InstanceService instances, DeployerConfig config) {
        this.launcher = launcher;
        this.gate = gate;
        this.deployments = deployments;
        this.instances = instances;
        this.config = config;
    }

    void replace(RolloutPlan plan) {
        AppTarget target = plan.target();
        Integer serving = Blocking.await(() -> deployments.servingVersion(target.tenant(), target.app()));
        if (serving == null || serving != target.version()) {
            Blocking.await(() -> deployments.fail(plan, "v" + target.version() + " is no longer the serving "
                    + "release (now " + (serving == null ? "none" : "v" + serving) + "): nothing restarted"));
            return;
        }
        LOG.infof("restarting %s v%d, %d instance(s) one by one", target.key(), target.version(), target.replicas());
        String failure = target.replicas() == 1 ? replaceBehindASurge(target) : replaceEach(target);
        if (failure != null) {
            Blocking.await(() -> deployments.fail(plan, failure));
            return;
        }
        Blocking.await(() -> deployments.succeed(plan, List.of()));
    }

    private String replaceEach(AppTarget target) {
        for (int n = 1; n <= target.replicas(); n++) {
            String failure = replaceOne(target, n);
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    /** The only replica is replaced while a temporary second one serves; null when replica 1 serves again. */
    private String replaceBehindASurge(AppTarget target) {
        int surge = target.replicas() + 1;
        String failure = startOne(target, surge);
        if (failure != null) {
            removeQuietly(target.instanceName(surge));
            return failure;
        }
        failure = replaceOne(target, 1);
        if (failure == null) {
            retire(target, surge);
        }
        return failure; // else the surge serves until the reconciler has replica 1 back and removes the extra one
    }

    private void retire(AppTarget target, int n) {
        String name = target.instanceName(n);
        Blocking.await(() -> instances.recordStopped(target.tenant(), target.app(),
                List.of(new InstanceService.Stopped(name, target.version()))));
        drain();
        removeQuietly(name);
    }

    private void removeQuietly(String name) {
        try {
            launcher.remove(name);
        } catch (ContainerRuntimeException e) {
            LOG.warnf("could not remove %s now, the reconciler will: %s", name, e.getMessage());
        }
    }

    /** null when instance n serves again. */
    private String replaceOne(AppTarget target, int n) {
        String name = target.instanceName(n);
        Blocking.await(() -> instances.recordStopped(target.tenant(), target.app(),
                List.of(new InstanceService.Stopped(name, target.version()))));
        drain();
        try {
            launcher.remove(name);
        } catch (ContainerRuntimeException e) {
            return "instance " + name + " could not be recreated: " + e.getMessage();
        }
        return startOne(target, n);
    }

    /** Launches instance n and waits until it answers; null when it serves. */
    private String startOne(AppTarget target, int n) {
        String name = target.instanceName(n);
        try {
            launcher.launch(target, n);
        } catch (ContainerRuntimeException e) {
            return "instance " + name + " could not be started: " + e.getMessage();
        }
        HealthGate.Outcome outcome = gate.await(target, List.of(name));
        if (outcome instanceof HealthGate.Healthy healthy) {
            Blocking.await(() -> instances.recordStarted(target.tenant(), target.app(), healthy.instances()));
            return null;
        }
        return "instance " + name + " did not come back: " + ((HealthGate.Unhealthy) outcome).reason();
    }

    private void drain() {
        try {
            Thread.sleep(config.drainDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
