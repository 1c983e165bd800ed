package io.cloudunit.deployer.release;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.docker.ContainerRuntime;
import io.cloudunit.deployer.runtime.Blocking;

/**
 * Whether releases' images are still on the engine (a build's image may be removed, e.g. by the app's deletion or by
 * hand). A release found without its image is marked {@code image-gone} for good: tags are never reused. Blocking.
 */
@ApplicationScoped
public class ReleaseImages {
    private static final Logger LOG = Logger.getLogger(ReleaseImages.class);

    private final ContainerRuntime runtime;
    private final ReleaseService releases;

    public ReleaseImages(ContainerRuntime runtime, ReleaseService releases) {
        this.runtime = runtime;
        this.releases = releases;
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

    /** Checks one release's image now; a gone image marks the release. */
    public boolean stillThere(Release release) {
        if (release.imageGoneAt == null && runtime.imageExists(release.image)) {
            return true;
        }
        Blocking.await(() -> releases.markImageGone(release.tenant, release.app, Set.of(release.version)));
        return false;
    }
}
