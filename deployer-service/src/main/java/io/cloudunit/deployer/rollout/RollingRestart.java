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
 * the next one goes. With two replicas or more the app keeps serving throughout; one replica has a short gap.
 * Runs under the app's lock, on a rollout thread. An instance that does not come back fails the deployment and
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
        for (int n = 1; n <= target.replicas(); n++) {
            String failure = replaceOne(target, n);
            if (failure != null) {
                Blocking.await(() -> deployments.fail(plan, failure));
                return;
            }
        }
        Blocking.await(() -> deployments.succeed(plan, List.of()));
    }

    /** null when instance n serves again. */
    private String replaceOne(AppTarget target, int n) {
        String name = target.instanceName(n);
        Blocking.await(() -> instances.recordStopped(target.tenant(), target.app(),
                List.of(new InstanceService.Stopped(name, target.version()))));
        drain();
        try {
            launcher.remove(name);
            launcher.launch(target, n);
        } catch (ContainerRuntimeException e) {
            return "instance " + name + " could not be recreated: " + e.getMessage();
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
