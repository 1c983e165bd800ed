package io.cloudunit.deployer.rollout;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.app.AppSpecRepository;
import io.cloudunit.deployer.instance.InstanceService;
import io.cloudunit.deployer.instance.InstanceView;
import io.cloudunit.deployer.release.ReleaseRepository;
import io.cloudunit.deployer.release.ReleaseTargets;
import io.cloudunit.deployer.runtime.AppTarget;
import io.cloudunit.deployer.runtime.ServingInstance;
import io.cloudunit.platform.events.DeploymentEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.cloudunit.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Deployment state transitions, each in one transaction with its events. */
@ApplicationScoped
public class DeploymentService {
    private static final Logger LOG = Logger.getLogger(DeploymentService.class);
    private static final int MAX_REASON = 8000;

    private final DeploymentRepository deployments;
    private final ReleaseRepository releases;
    private final AppSpecRepository specs;
    private final InstanceService instances;
    private final Outbox outbox;
    private final ReleaseTargets targets;

    public DeploymentService(DeploymentRepository deployments, ReleaseRepository releases, AppSpecRepository specs,
            InstanceService instances, Outbox outbox, ReleaseTargets targets) {
        this.targets = targets;
        this.deployments = deployments;
        this.releases = releases;
        this.specs = specs;
        this.instances = instances;
        this.outbox = outbox;
    }

    /** Marks up to {@code limit} startable deployments RUNNING and answers what each must run. */
    @WithTransaction
    public Uni<List<RolloutPlan>> claim(int limit) {
        return deployments.claimable(limit).chain(claimed -> claimed.isEmpty()
                ? Uni.createFrom().item(List.<RolloutPlan>of())
                : Multi.createFrom().iterable(claimed)
                        .onItem().transformToUniAndConcatenate(this::start)
                        .collect().asList());
    }

    private Uni<RolloutPlan> start(Deployment deployment) {
        deployment.start();
        return releases.find(deployment.tenant, deployment.app, deployment.version)
                .chain(release -> specs.find(deployment.tenant, deployment.app)
                        .map(spec -> new RolloutPlan(deployment.id, targets.of(release, spec), deployment.kind)));
    }

    /** All instances healthy: the deployment succeeded and they serve (the router switches on these events). */
    @WithTransaction
    public Uni<Void> succeed(RolloutPlan plan, List<ServingInstance> serving) {
        AppTarget t = plan.target();
        return deployments.findById(plan.deploymentId())
                .invoke(Deployment::succeed)
                .chain(() -> instances.started(t.tenant(), t.app(), serving))
                .chain(() -> outbox.publish(new DeploymentEvent.Succeeded(t.tenant(), t.app(), plan.deploymentId(),
                        t.version())))
                .invoke(() -> LOG.infof("deployment %s of %s v%d succeeded", plan.deploymentId(), t.key(),
                        t.version()))
                .replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> fail(RolloutPlan plan, String reason) {
        AppTarget t = plan.target();
        String why = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason;
        return deployments.findById(plan.deploymentId())
                .invoke(d -> d.fail(why))
                .chain(() -> outbox.publish(new DeploymentEvent.Failed(t.tenant(), t.app(), plan.deploymentId(),
                        t.version(), why)))
                .invoke(() -> LOG.warnf("deployment %s of %s v%d failed: %s", plan.deploymentId(), t.key(),
                        t.version(), why))
                .replaceWithVoid();
    }

    /** Rollouts a previous run of the deployer left RUNNING start over; deterministic names make it safe. */
    @WithTransaction
    public Uni<Integer> requeueInterrupted() {
        return deployments.requeueRunning();
    }

    /** PENDING deployments of apps deleted since (or of a deleted app's name) never run: they fail with a reason. */
    @WithTransaction
    public Uni<Void> failAbandoned() {
        return deployments.active().chain(active -> Multi.createFrom().iterable(active)
                .filter(d -> d.status == DeploymentStatus.PENDING)
                .onItem().transformToUniAndConcatenate(d -> specs.find(d.tenant, d.app).chain(spec -> {
                    if (spec == null || !spec.deleted && d.version >= spec.firstVersion) {
                        return Uni.createFrom().voidItem();
                    }
                    d.fail("the app was deleted before this release could roll out");
                    return outbox.publish(new DeploymentEvent.Failed(d.tenant, d.app, d.id, d.version, d.reason))
                            .replaceWithVoid();
                }))
                .collect().last()
                .replaceWithVoid());
    }

    /** The version of the release that serves the app now, null when none does. */
    @WithSession
    public Uni<Integer> servingVersion(String tenant, String app) {
        return releases.servingOf(tenant, app).map(release -> release == null ? null : release.version);
    }

    @WithSession
    public Uni<DeploymentView> view(String tenant, String app, UUID id) {
        return deployments.ofApp(tenant, app, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("deployment " + id + " of app " + app
                        + " does not exist; list the app's releases to find its deployments"))
                .chain(d -> (d.status == DeploymentStatus.SUCCEEDED
                        ? instances.ofRelease(tenant, app, d.version)
                        : Uni.createFrom().item(List.<io.cloudunit.deployer.instance.Instance>of()))
                        .map(rows -> DeploymentView.of(d, rows.stream().map(InstanceView::of).toList())));
    }
}
