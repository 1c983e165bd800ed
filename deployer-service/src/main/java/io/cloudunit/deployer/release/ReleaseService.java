package io.cloudunit.deployer.release;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.rollout.Deployment;
import io.cloudunit.deployer.rollout.DeploymentRepository;
import io.cloudunit.platform.events.BuildEvent;
import io.cloudunit.platform.events.DeploymentEvent;
import io.cloudunit.platform.events.ReleaseEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.cloudunit.platform.problem.Names;
import io.cloudunit.platform.purge.TenantPurgeLedger;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ReleaseService {
    private static final Logger LOG = Logger.getLogger(ReleaseService.class);

    private final ReleaseRepository releases;
    private final DeploymentRepository deployments;
    private final Outbox outbox;
    private final TenantPurgeLedger purges;

    public ReleaseService(ReleaseRepository releases, DeploymentRepository deployments, Outbox outbox,
            TenantPurgeLedger purges) {
        this.purges = purges;
        this.releases = releases;
        this.deployments = deployments;
        this.outbox = outbox;
    }

    /**
     * A successful build becomes the app's next release and a PENDING deployment of it, with both events, in
     * one transaction. A build already released (redelivered under another event id) changes nothing, and so
     * does a build of a tenant being deleted.
     */
    @WithTransaction
    public Uni<Void> releaseBuild(BuildEvent.Succeeded build) {
        return Uni.createFrom().item(() -> requireValid(build))
                .chain(() -> purges.isDeleting(build.tenant()))
                .chain(deleting -> deleting ? Uni.createFrom().item(true)
                        : releases.existsForBuild(build.tenant(), build.app(), build.buildId()))
                .chain(known -> {
                    if (known) {
                        LOG.infof("build %s of %s/%s is already released, or its tenant is being deleted",
                                build.buildId(), build.tenant(), build.app());
                        return Uni.createFrom().voidItem();
                    }
                    return createRelease(build).chain(this::startDeployment);
                });
    }

    @WithSession
    public Uni<List<Release>> list(String tenant, String app) {
        return releases.ofApp(tenant, app);
    }

    private Uni<Release> createRelease(BuildEvent.Succeeded build) {
        return releases.latestVersion(build.tenant(), build.app())
                .map(latest -> Release.of(build.tenant(), build.app(), latest + 1, build.buildId(), build.image(),
                        "build b" + build.number()))
                .chain(releases::persist)
                .call(release -> outbox.publish(new ReleaseEvent.Created(release.tenant, release.app,
                        release.version, release.buildId, release.image, release.reason)))
                .invoke(release -> LOG.infof("release %s/%s v%d of %s", release.tenant, release.app,
                        release.version, release.image));
    }

    private Uni<Void> startDeployment(Release release) {
        Deployment deployment = Deployment.pending(release.tenant, release.app, release.version);
        return deployments.persist(deployment)
                .call(d -> outbox.publish(new DeploymentEvent.Started(d.tenant, d.app, d.id, d.version)))
                .replaceWithVoid();
    }

    private static BuildEvent.Succeeded requireValid(BuildEvent.Succeeded build) {
        Names.requireDnsLabel("tenant", build.tenant());
        Names.requireDnsLabel("app", build.app());
        if (build.image() == null || build.image().isBlank() || build.buildId() == null) {
            throw new IllegalArgumentException("build.succeeded without image or build id: " + build);
        }
        return build;
    }
}
