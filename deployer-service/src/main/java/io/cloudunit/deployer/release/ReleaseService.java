package io.cloudunit.deployer.release;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.app.AppSpec;
import io.cloudunit.deployer.app.AppSpecRepository;
import io.cloudunit.deployer.config.AppConfigSource;
import io.cloudunit.deployer.config.SnapshotCipher;
import io.cloudunit.deployer.rollout.Deployment;
import io.cloudunit.deployer.rollout.DeploymentRepository;
import io.cloudunit.deployer.rollout.DeploymentService;
import io.cloudunit.deployer.rollout.RolloutPlan;
import io.cloudunit.deployer.runtime.AppTarget;
import io.cloudunit.platform.events.BuildEvent;
import io.cloudunit.platform.events.DeploymentEvent;
import io.cloudunit.platform.events.ReleaseEvent;
import io.cloudunit.platform.outbox.Outbox;
import io.cloudunit.platform.problem.Names;
import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.platform.purge.TenantPurgeLedger;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Makes releases (ADR 0022): a successful build, a config change, a change of memory or cpus, a chosen build and a
 * rollback each become the app's next numbered release and a PENDING deployment of it, with release.created and
 * deployment.started, in one transaction. A release snapshots the app's config vars, sealed, and its resources.
 */
@ApplicationScoped
public class ReleaseService {
    private static final Logger LOG = Logger.getLogger(ReleaseService.class);

    private final ReleaseRepository releases;
    private final DeploymentRepository deployments;
    private final AppSpecRepository specs;
    private final BuildStatusRepository builds;
    private final Outbox outbox;
    private final TenantPurgeLedger purges;
    private final AppConfigSource configs;
    private final SnapshotCipher cipher;
    private final DeploymentService rollouts;

    public ReleaseService(ReleaseRepository releases, DeploymentRepository deployments, AppSpecRepository specs,
            BuildStatusRepository builds, Outbox outbox, TenantPurgeLedger purges, AppConfigSource configs,
            SnapshotCipher cipher, DeploymentService rollouts) {
        this.rollouts = rollouts;
        this.releases = releases;
        this.deployments = deployments;
        this.specs = specs;
        this.builds = builds;
        this.outbox = outbox;
        this.purges = purges;
        this.configs = configs;
        this.cipher = cipher;
    }

    /**
     * A successful build becomes the app's next release. A build already released (redelivered under another event
     * id) changes nothing, and so does a build of a tenant being deleted.
     */
    @WithTransaction
    public Uni<Void> releaseBuild(BuildEvent.Succeeded build) {
        return Uni.createFrom().item(() -> requireValid(build))
                .chain(() -> purges.isDeleting(build.tenant()))
                .chain(deleting -> deleting ? Uni.createFrom().item(true)
                        : builds.record(build.tenant(), build.app(), build.buildId(), build.number(),
                                BuildStatus.SUCCEEDED)
                                .chain(() -> releases.existsForBuild(build.tenant(), build.app(), build.buildId())))
                .chain(known -> {
                    if (known) {
                        LOG.infof("build %s of %s/%s is already released, or its tenant is being deleted",
                                build.buildId(), build.tenant(), build.app());
                        return Uni.createFrom().voidItem();
                    }
                    return releases.latestVersion(build.tenant(), build.app())
                            .map(latest -> {
                                Release release = Release.of(build.tenant(), build.app(), latest + 1, build.buildId(),
                                        build.image(), "build b" + build.number());
                                release.buildNumber = build.number();
                                return release;
                            })
                            .chain(this::createWithCurrentConfig)
                            .replaceWithVoid();
                });
    }

    /** Keeps the build's last status (queued, running, failed, canceled) for {@link #deployBuild}. */
    @WithTransaction
    public Uni<Void> recordBuild(String tenant, String app, UUID buildId, long number, String status) {
        Names.requireDnsLabel("tenant", tenant);
        Names.requireDnsLabel("app", app);
        return purges.isDeleting(tenant).chain(deleting -> deleting ? Uni.createFrom().voidItem()
                : builds.record(tenant, app, buildId, number, status));
    }

    /** config.changed: the newest release's build again, with the config as it is now. */
    @WithTransaction
    public Uni<Void> releaseConfig(String tenant, String app, Collection<String> names, String actor) {
        LOG.infof("config of %s/%s changed (%s)", tenant, app, names);
        return followLatest(tenant, app, "config changed" + by(actor), actor);
    }

    /** app.scaled / app.updated with other memory or cpus: the newest release's build again, with them. */
    @WithTransaction
    public Uni<Void> releaseResources(String tenant, String app, int memoryMb, double cpus, String actor) {
        return followLatest(tenant, app, String.format(Locale.ROOT, "scaled to %d MB, %s cpus%s", memoryMb,
                trim(cpus), by(actor)), actor);
    }

    /** {@code POST …/releases {buildId}}: a successful build of this app, with the config as it is now. */
    @WithTransaction
    public Uni<Release> deployBuild(String tenant, String app, UUID buildId, String actor) {
        return buildSource(tenant, app, buildId)
                .chain(source -> releases.latestVersion(tenant, app)
                        .map(latest -> source.next(latest + 1, "deploy of " + source.buildLabel() + by(actor), actor)))
                .chain(this::createWithCurrentConfig);
    }

    /**
     * {@code POST …/rollback {version}}: a new release running the old one's image with its config snapshot (copied
     * sealed, never opened here) and the app's current resources. The caller checked the image is still there.
     */
    @WithTransaction
    public Uni<Release> rollback(String tenant, String app, int version, String actor) {
        return liveSpec(tenant, app).chain(spec -> ownRelease(tenant, app, version, spec)
                .chain(source -> releases.latestVersion(tenant, app).map(latest -> {
                    Release next = source.next(latest + 1, "rollback to v" + version + by(actor), actor);
                    next.rolledBackFrom = version;
                    if (source.config() != null) {
                        next.withConfig(source.config());
                    }
                    return next.withResources(spec.memoryMb, spec.cpus);
                }))
                .chain(this::create));
    }

    /**
     * What follows the failure of v{@code failed} (ADR 0027): nothing unless the app asks for automatic rollbacks;
     * then the release that serves (the failed one left it serving), unless v{@code failed} is itself an automatic
     * rollback (never a loop) or no release of the app has served.
     */
    @WithSession
    public Uni<AutomaticRollback> automaticRollbackOf(String tenant, String app, int failed) {
        return specs.find(tenant, app).chain(spec -> {
            if (spec == null || spec.deleted || !spec.autoRollback) {
                return Uni.createFrom().item(AutomaticRollback.notAsked());
            }
            return releases.find(tenant, app, failed).chain(release -> release != null && release.automaticRollback
                    ? Uni.createFrom().item(AutomaticRollback.refused("v" + failed + " is itself an automatic "
                            + "rollback, which is never rolled back again"))
                    : releases.servingOf(tenant, app).map(serving -> serving == null
                            || serving.version < spec.firstVersion
                                    ? AutomaticRollback.refused("no earlier release of the app has served, there is "
                                            + "nothing to roll back to")
                                    : AutomaticRollback.to(serving)));
        });
    }

    /**
     * In one transaction: the deployment fails with its reason and what followed, and, when {@code choice} rolls
     * back and the failed release is still the newest (a newer one waiting is what the user wants next), the target
     * comes back as the next release (actor {@code platform}, its image, config snapshot and resources), announced by
     * deployment.rolled-back, release.created and deployment.started.
     */
    @WithTransaction
    public Uni<Void> failAndRollBack(RolloutPlan plan, String reason, AutomaticRollback choice) {
        AppTarget t = plan.target();
        return releases.latestVersion(t.tenant(), t.app()).chain(latest -> {
            if (!choice.rollsBack()) {
                String why = choice.refusal() == null ? reason : reason + "\n" + choice.refusal();
                return rollouts.fail(plan, why);
            }
            if (latest > t.version()) {
                return rollouts.fail(plan, reason + "\nnot rolled back automatically: v" + latest + " follows it");
            }
            Release back = automaticRollback(choice.target(), t.version(), latest + 1, reason);
            return rollouts.fail(plan, reason + "\nrolled back automatically: v" + back.version + " runs v"
                    + back.rolledBackFrom + "'s image and config again")
                    .chain(() -> outbox.publish(new DeploymentEvent.RolledBack(t.tenant(), t.app(),
                            plan.deploymentId(), t.version(), back.version)))
                    .chain(() -> create(back))
                    .replaceWithVoid();
        });
    }

    private static Release automaticRollback(Release target, int failed, int version, String failure) {
        Release back = target.next(version, "automatic rollback: v" + failed + " failed: "
                + AutomaticRollback.shortened(failure), AutomaticRollback.ACTOR);
        back.rolledBackFrom = target.version;
        back.automaticRollback = true;
        if (target.config() != null) {
            back.withConfig(target.config());
        }
        back.memoryMb = target.memoryMb;
        back.cpus = target.cpus;
        return back;
    }

    /**
     * The release a successful build of this app got (its image is the build's); 404 or 422 for a build that cannot
     * be deployed.
     */
    @WithSession
    public Uni<Release> buildSource(String tenant, String app, UUID buildId) {
        return liveSpec(tenant, app)
                .chain(spec -> builds.findById(buildId).chain(build -> {
                    requireDeployable(build, tenant, app, buildId);
                    return releases.firstOfBuild(tenant, app, buildId)
                            .invoke(source -> {
                                if (source == null || source.version < spec.firstVersion) {
                                    throw notFound(app, buildId);
                                }
                            });
                }));
    }

    /** The release of the app's current incarnation, or 404. */
    @WithSession
    public Uni<Release> find(String tenant, String app, int version) {
        return liveSpec(tenant, app).chain(spec -> ownRelease(tenant, app, version, spec));
    }

    @WithTransaction
    public Uni<Void> markImageGone(String tenant, String app, Collection<Integer> versions) {
        return versions.isEmpty() ? Uni.createFrom().voidItem()
                : releases.update("imageGoneAt = ?1 where tenant = ?2 and app = ?3 and version in ?4 "
                        + "and imageGoneAt is null", OffsetDateTime.now(), tenant, app, List.copyOf(versions))
                        .replaceWithVoid();
    }

    /** The app's releases, newest first, each with its status. */
    @WithSession
    public Uni<List<ReleaseView>> list(String tenant, String app) {
        return releases.ofApp(tenant, app)
                .chain(rows -> deployments.allOfApp(tenant, app)
                        .chain(rollouts -> releases.servingOf(tenant, app)
                                .map(serving -> ReleaseView.all(rows, rollouts, serving))));
    }

    @WithSession
    public Uni<ReleaseView> view(Release release) {
        return deployments.allOfApp(release.tenant, release.app)
                .chain(rollouts -> releases.servingOf(release.tenant, release.app)
                        .map(serving -> ReleaseView.all(List.of(release), rollouts, serving).get(0)));
    }

    private Uni<Void> followLatest(String tenant, String app, String reason, String actor) {
        return purges.isDeleting(tenant).chain(deleting -> deleting ? Uni.createFrom().nullItem()
                : specs.find(tenant, app).chain(spec -> spec == null || spec.deleted ? Uni.createFrom().nullItem()
                        : releases.latestOf(tenant, app, spec.firstVersion)))
                .chain(latest -> {
                    if (latest == null) {
                        LOG.infof("%s/%s has no release yet: its first build will carry this (%s)", tenant, app,
                                reason);
                        return Uni.createFrom().voidItem();
                    }
                    return createWithCurrentConfig(latest.next(latest.version + 1, reason, actor)).replaceWithVoid();
                });
    }

    /** Snapshots the config vars as tenant-service has them now and the app's current resources. */
    private Uni<Release> createWithCurrentConfig(Release release) {
        return configs.varsOf(release.tenant, release.app)
                .map(vars -> release.withConfig(cipher.seal(release.tenant, release.app, vars)))
                .chain(sealed -> specs.find(release.tenant, release.app))
                .map(spec -> spec == null ? release : release.withResources(spec.memoryMb, spec.cpus))
                .chain(this::create);
    }

    private Uni<Release> create(Release release) {
        return releases.persist(release)
                .call(r -> outbox.publish(new ReleaseEvent.Created(r.tenant, r.app, r.version, r.buildId, r.image,
                        r.reason)))
                .call(r -> {
                    Deployment deployment = Deployment.pending(r.tenant, r.app, r.version);
                    return deployments.persist(deployment).call(d -> outbox.publish(
                            new DeploymentEvent.Started(d.tenant, d.app, d.id, d.version)));
                })
                .invoke(r -> LOG.infof("release %s/%s v%d of %s: %s", r.tenant, r.app, r.version, r.image,
                        r.reason));
    }

    private Uni<AppSpec> liveSpec(String tenant, String app) {
        return specs.find(tenant, app).invoke(spec -> {
            if (spec == null || spec.deleted) {
                throw ProblemException.notFound("app '" + app + "' not found in tenant '" + tenant + "' (or it has "
                        + "not reached the deployer yet): GET /api/v1/tenants/" + tenant + "/apps lists its apps");
            }
        });
    }

    private Uni<Release> ownRelease(String tenant, String app, int version, AppSpec spec) {
        return releases.find(tenant, app, version).invoke(release -> {
            if (release == null || release.version < spec.firstVersion) {
                throw ProblemException.notFound("release v" + version + " of app '" + app + "' does not exist: "
                        + "GET …/apps/" + app + "/releases lists them");
            }
        });
    }

    /**
     * Another tenant's build answers like one that does not exist (no enumeration); a build of another app of the
     * same tenant, or one that did not succeed, is named for what it is.
     */
    private static void requireDeployable(BuildStatus build, String tenant, String app, UUID buildId) {
        if (build == null || !build.tenant.equals(tenant)) {
            throw notFound(app, buildId);
        }
        if (!build.app.equals(app)) {
            throw ProblemException.unprocessable("build " + buildId + " is a build of app '" + build.app
                    + "', not of '" + app + "': deploy it there, or choose one of GET …/apps/" + app + "/builds");
        }
        if (!build.succeeded()) {
            throw ProblemException.unprocessable("build b" + build.number + " of app '" + app + "' is "
                    + build.status + ": only a build that succeeded can be deployed");
        }
    }

    private static ProblemException notFound(String app, UUID buildId) {
        return ProblemException.notFound("build " + buildId + " not found among the builds of app '" + app
                + "': GET …/apps/" + app + "/builds lists them");
    }

    private static String by(String actor) {
        return actor == null || actor.isBlank() ? "" : " by " + actor;
    }

    private static String trim(double cpus) {
        return cpus == Math.rint(cpus) ? String.valueOf((long) cpus) : String.valueOf(cpus);
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
