package io.cloudunit.deployer.reconcile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.deployer.app.AppSpec;
import io.cloudunit.deployer.app.AppSpecRepository;
import io.cloudunit.deployer.instance.Instance;
import io.cloudunit.deployer.instance.InstanceRepository;
import io.cloudunit.deployer.release.Release;
import io.cloudunit.deployer.release.ReleaseRepository;
import io.cloudunit.deployer.release.ReleaseTargets;
import io.cloudunit.deployer.rollout.Deployment;
import io.cloudunit.deployer.rollout.DeploymentRepository;
import io.cloudunit.platform.suspension.TenantSuspensions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reads the desired state (and the instance rows) the reconciler compares with Docker. */
@ApplicationScoped
public class DesiredState {
    private final AppSpecRepository specs;
    private final ReleaseRepository releases;
    private final DeploymentRepository deployments;
    private final InstanceRepository instances;
    private final TenantSuspensions suspensions;
    private final ReleaseTargets targets;

    public DesiredState(AppSpecRepository specs, ReleaseRepository releases, DeploymentRepository deployments,
            InstanceRepository instances, TenantSuspensions suspensions, ReleaseTargets targets) {
        this.targets = targets;
        this.suspensions = suspensions;
        this.specs = specs;
        this.releases = releases;
        this.deployments = deployments;
        this.instances = instances;
    }

    /** One app: what it wants and what the instance table says. */
    public record AppState(AppDesired desired, List<InstanceRow> rows) {
    }

    /**
     * Every app at once, for the cheap drift check of a pass.
     *
     * @param liveTenants tenants with at least one app not deleted, and suspended tenants: their network stays
     * @param busyTenants tenants with a deployment pending or running: their network is about to be used
     */
    public record Snapshot(Map<String, AppState> apps, Set<String> liveTenants, Set<String> busyTenants) {

        public AppState app(String tenant, String app) {
            return apps.getOrDefault(tenant + "/" + app,
                    new AppState(AppDesired.nothing(tenant, app), List.of()));
        }
    }

    /** A suspended tenant's apps want nothing running (ADR 14); their spec and releases stay for the reinstatement. */
    @WithSession
    public Uni<Snapshot> snapshot() {
        return suspensions.all().map(Set::copyOf).chain(suspended -> specs.all()
                .map(allSpecs -> allSpecs.stream().filter(s -> !suspended.contains(s.tenant)).toList())
                .chain(allSpecs -> releases.serving().chain(serving -> deployments.active()
                        .chain(active -> instances.all().map(rows -> snapshot(allSpecs, serving, active, rows,
                                suspended))))));
    }

    @WithSession
    public Uni<AppState> app(String tenant, String app) {
        return suspensions.isSuspended(tenant).chain(suspended -> specs.find(tenant, app)
                .map(spec -> suspended ? null : spec)
                .chain(spec -> releases.servingOf(tenant, app)
                        .chain(release -> deployments.activeOf(tenant, app)
                                .chain(active -> instances.ofApp(tenant, app)
                                        .map(rows -> new AppState(desired(tenant, app, spec, release, active, true),
                                                rows.stream().map(DesiredState::row).toList()))))));
    }

    private Snapshot snapshot(List<AppSpec> allSpecs, List<Release> serving, List<Deployment> active,
            List<Instance> rows, Set<String> suspended) {
        Map<String, AppSpec> specByKey = allSpecs.stream().collect(Collectors.toMap(s -> s.tenant + "/" + s.app,
                s -> s));
        Map<String, Release> releaseByKey = serving.stream().collect(Collectors.toMap(r -> r.tenant + "/" + r.app,
                r -> r, (a, b) -> a));
        Map<String, List<Deployment>> activeByKey = active.stream()
                .collect(Collectors.groupingBy(d -> d.tenant + "/" + d.app));
        Map<String, List<Instance>> rowsByKey = rows.stream().collect(Collectors.groupingBy(i -> i.tenant + "/" + i.app));

        Set<String> keys = new HashSet<>(specByKey.keySet());
        keys.addAll(rowsByKey.keySet());
        Map<String, AppState> apps = new HashMap<>();
        for (String key : keys) {
            String tenant = key.substring(0, key.indexOf('/'));
            String app = key.substring(key.indexOf('/') + 1);
            apps.put(key, new AppState(
                    desired(tenant, app, specByKey.get(key), releaseByKey.get(key),
                            activeByKey.getOrDefault(key, List.of()), false),
                    rowsByKey.getOrDefault(key, List.of()).stream().map(DesiredState::row).toList()));
        }
        Set<String> live = allSpecs.stream().filter(s -> !s.deleted).map(s -> s.tenant)
                .collect(Collectors.toCollection(HashSet::new));
        live.addAll(suspended); // a suspended tenant keeps its network for the reinstatement
        Set<String> busy = active.stream().map(d -> d.tenant).collect(Collectors.toSet());
        return new Snapshot(apps, live, busy);
    }

    /** {@code withConfig}: open the release's config vars (only a repair launches containers). */
    private AppDesired desired(String tenant, String app, AppSpec spec, Release serving,
            List<Deployment> active, boolean withConfig) {
        if (spec == null || spec.deleted) {
            return AppDesired.nothing(tenant, app);
        }
        Set<Integer> rolling = active.stream().map(d -> d.version).filter(v -> v >= spec.firstVersion)
                .collect(Collectors.toSet());
        boolean ours = serving != null && serving.version >= spec.firstVersion;
        boolean runs = ours && !spec.stopped; // a stopped app keeps its release but runs nothing (ADR 0023)
        return new AppDesired(tenant, app, !runs ? null
                : withConfig ? targets.of(serving, spec) : targets.shapeOf(serving, spec), rolling,
                runs && spec.crashedIn(serving.version));
    }

    private static InstanceRow row(Instance i) {
        return new InstanceRow(i.name, i.version, i.healthy, i.unhealthySince);
    }
}
