package io.cloudunit.deployer.release;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.docker.ContainerInfo;
import io.cloudunit.deployer.docker.ContainerRuntime;
import io.cloudunit.deployer.runtime.AppTarget;
import io.cloudunit.deployer.runtime.Blocking;
import io.cloudunit.deployer.runtime.Labels;
import io.quarkus.hibernate.reactive.panache.Panache;

/**
 * Whether releases' images are still on the engine (a build's image may be removed, e.g. by the app's deletion or by
 * hand). A release found without its image is marked {@code image-gone} for good: tags are never reused. Blocking.
 */
@ApplicationScoped
public class ReleaseImages {
    private static final Logger LOG = Logger.getLogger(ReleaseImages.class);

    private final ContainerRuntime runtime;
    private final ReleaseService releases;
    private final ReleaseRepository rows;
    private final DeployerConfig config;

    public ReleaseImages(ContainerRuntime runtime, ReleaseService releases, ReleaseRepository rows,
            DeployerConfig config) {
        this.runtime = runtime;
        this.releases = releases;
        this.rows = rows;
        this.config = config;
    }

    /**
     * Every live app's releases not yet marked: the engine is asked once per image, and those gone are marked. An
     * image a container of this deployer uses is never marked (after {@code docker rmi -f} the tag is gone but the
     * container still runs it), nor is one of a release that serves. Answers how many releases were marked.
     */
    public int sweep() {
        List<Release> unmarked = Blocking.await(() -> Panache.withSession(rows::unmarkedOfLiveApps));
        if (unmarked.isEmpty()) {
            return 0;
        }
        Set<String> running = runtime.list(Labels.managed(config.scope())).stream()
                .map(ReleaseImages::releaseKey).collect(Collectors.toSet());
        Set<String> inUse = unmarked.stream().filter(r -> running.contains(key(r.tenant, r.app, r.version)))
                .map(r -> r.image).collect(Collectors.toSet());
        Blocking.await(() -> Panache.withSession(rows::serving)).forEach(r -> inUse.add(r.image));
        Map<String, Boolean> present = new HashMap<>();
        Map<String, Set<Integer>> gone = unmarked.stream()
                .filter(r -> !inUse.contains(r.image))
                .filter(r -> !present.computeIfAbsent(r.image, runtime::imageExists))
                .collect(Collectors.groupingBy(r -> r.tenant + "/" + r.app,
                        Collectors.mapping(r -> r.version, Collectors.toSet())));
        gone.forEach((app, versions) -> {
            int slash = app.indexOf('/');
            Blocking.await(() -> releases.markImageGone(app.substring(0, slash), app.substring(slash + 1), versions));
            LOG.infof("%s: the images of releases %s are gone from the engine", app, versions);
        });
        return gone.values().stream().mapToInt(Set::size).sum();
    }

    private static String releaseKey(ContainerInfo container) {
        return key(container.label(Labels.TENANT), container.label(Labels.APP), Labels.releaseOf(container.labels()));
    }

    private static String key(String tenant, String app, int version) {
        return tenant + "/" + app + "/v" + version;
    }

    /**
     * Asks the engine once per image of the releases not yet marked (the serving one aside: it runs) and marks those
     * whose image is gone; answers their versions. An engine that does not answer marks nothing.
     */
    public Set<Integer> markGone(String tenant, String app, List<ReleaseView> views) {
        Map<String, Boolean> present = new HashMap<>();
        try {
            Set<Integer> gone = views.stream()
                    .filter(v -> !v.imageGone() && !ReleaseView.CURRENT.equals(v.status()))
                    .filter(v -> !present.computeIfAbsent(v.image(), runtime::imageExists))
                    .map(ReleaseView::version)
                    .collect(Collectors.toSet());
            if (!gone.isEmpty()) {
                Blocking.await(() -> releases.markImageGone(tenant, app, gone));
                LOG.infof("%s/%s: the images of releases %s are gone from the engine", tenant, app, gone);
            }
            return gone;
        } catch (RuntimeException e) { // docker-java's failures are unchecked, of several kinds
            LOG.warnf("could not check the images of %s/%s: %s", tenant, app, e.getMessage());
            return Set.of();
        }
    }

    /**
     * The image of the release that should serve, checked when one of its replicas could not be launched: a gone
     * image marks the release (the sweep leaves a serving release alone while its containers run it).
     */
    public boolean stillThere(AppTarget target) {
        if (runtime.imageExists(target.image())) {
            return true;
        }
        Blocking.await(() -> releases.markImageGone(target.tenant(), target.app(), Set.of(target.version())));
        return false;
    }

    /** Checks one release's image now; a gone image marks the release. */
    public boolean stillThere(Release release) {
        if (release.imageGoneAt == null && runtime.imageExists(release.image)) {
            return true;
        }
        Blocking.await(() -> releases.markImageGone(release.tenant, release.app, Set.of(release.version)));
        return false;
    }
}
