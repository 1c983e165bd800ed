package io.cloudunit.deployer.lifecycle;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.app.AppSpec;
import io.cloudunit.deployer.app.AppSpecRepository;
import io.cloudunit.deployer.release.ReleaseRepository;
import io.cloudunit.deployer.rollout.Deployment;
import io.cloudunit.deployer.rollout.DeploymentKind;
import io.cloudunit.deployer.rollout.DeploymentRepository;
import io.cloudunit.deployer.rollout.DeploymentStatus;
import io.cloudunit.platform.events.AppStateEvent;
import io.cloudunit.platform.events.DeploymentEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.platform.purge.TenantPurgeLedger;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * start / stop / restart (ADR 0023). Stop and start only change the app's desired state (one flag, kept in the
 * database so that it survives restarts); the reconciler does the rest. Restart is a deployment of kind RESTART,
 * run by the rollout worker like any rollout.
 */
@ApplicationScoped
public class LifecycleService {
    private static final Logger LOG = Logger.getLogger(LifecycleService.class);

    private final AppSpecRepository specs;
    private final ReleaseRepository releases;
    private final DeploymentRepository deployments;
    private final TenantPurgeLedger purges;
    private final Outbox outbox;

    public LifecycleService(AppSpecRepository specs, ReleaseRepository releases, DeploymentRepository deployments,
            TenantPurgeLedger purges, Outbox outbox) {
        this.specs = specs;
        this.releases = releases;
        this.deployments = deployments;
        this.purges = purges;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<ActionView> stop(String tenant, String app) {
        return liveSpec(tenant, app).chain(spec -> {
            boolean change = !spec.stopped;
            spec.stopped = true;
            LOG.infof("app %s/%s stopped: its instances go", tenant, app);
            return announce(change, new AppStateEvent.Stopped(tenant, app))
                    .chain(() -> view(spec, "stop", "stopped", null));
        });
    }

    @WithTransaction
    public Uni<ActionView> start(String tenant, String app) {
        return liveSpec(tenant, app).chain(spec -> {
            boolean change = spec.stopped | spec.forgiveCrashes(); // a start also brings a crashed app back (ADR 0025)
            spec.stopped = false;
            LOG.infof("app %s/%s started: its serving release comes back", tenant, app);
            return announce(change, new AppStateEvent.Started(tenant, app))
                    .chain(() -> view(spec, "start", "running", null));
        });
    }

    /** A restart already waiting or running is answered again rather than queued twice. */
    @WithTransaction
    public Uni<ActionView> restart(String tenant, String app) {
        return liveSpec(tenant, app).chain(spec -> {
            if (spec.stopped) {
                throw ProblemException.conflict("app '" + app + "' is stopped: start it "
                        + "(POST …/apps/" + app + "/actions/start), which starts fresh instances");
            }
            return serving(spec).chain(version -> {
                if (version == null) {
                    throw ProblemException.conflict("app '" + app + "' has no release serving yet: nothing to "
                            + "restart (upload a build first)");
                }
                boolean wasCrashed = spec.forgiveCrashes();
                return announce(wasCrashed, new AppStateEvent.Started(tenant, app))
                        .chain(() -> deployments.activeOf(tenant, app)).chain(active -> pendingRestart(active)
                        .map(existing -> Uni.createFrom().item(existing))
                        .orElseGet(() -> newRestart(tenant, app, version)))
                        .map(d -> new ActionView(tenant, app, "restart", "restarting", version, d.id));
            });
        });
    }

    private Uni<Void> announce(boolean change, AppStateEvent event) {
        return change ? outbox.publish(event).replaceWithVoid() : Uni.createFrom().voidItem();
    }

    private Uni<Deployment> newRestart(String tenant, String app, int version) {
        Deployment restart = Deployment.restart(tenant, app, version);
        return deployments.persist(restart)
                .call(d -> outbox.publish(new DeploymentEvent.Started(tenant, app, d.id, d.version)))
                .invoke(d -> LOG.infof("app %s/%s: restart %s of v%d queued", tenant, app, d.id, version));
    }

    private static java.util.Optional<Deployment> pendingRestart(List<Deployment> active) {
        return active.stream().filter(d -> d.kind == DeploymentKind.RESTART && d.status == DeploymentStatus.PENDING)
                .findFirst();
    }

    /** The app as the deployer knows it; an app it has never heard of, or a deleted one, is 404. */
    private Uni<AppSpec> liveSpec(String tenant, String app) {
        return purges.requireNotDeleting(tenant).chain(() -> specs.find(tenant, app)).map(spec -> {
            if (spec == null || spec.deleted) {
                throw ProblemException.notFound("app '" + app + "' of tenant '" + tenant + "' does not exist "
                        + "(or was created a moment ago: retry in a second)");
            }
            return spec;
        });
    }

    private Uni<Integer> serving(AppSpec spec) {
        return releases.servingOf(spec.tenant, spec.app)
                .map(release -> release == null || release.version < spec.firstVersion ? null : release.version);
    }

    private Uni<ActionView> view(AppSpec spec, String action, String state, java.util.UUID deploymentId) {
        return serving(spec).map(version -> new ActionView(spec.tenant, spec.app, action, state, version,
                deploymentId));
    }
}
