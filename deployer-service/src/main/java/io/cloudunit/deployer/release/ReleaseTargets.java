package io.cloudunit.deployer.release;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.deployer.app.AppSpec;
import io.cloudunit.deployer.config.SnapshotCipher;
import io.cloudunit.deployer.runtime.AppTarget;

/**
 * What a release runs: its image, its config snapshot (opened here, only to start containers) and its resources;
 * the number of replicas and the health path are the app's current ones (scaling out is no new release).
 */
@ApplicationScoped
public class ReleaseTargets {
    private final SnapshotCipher cipher;

    public ReleaseTargets(SnapshotCipher cipher) {
        this.cipher = cipher;
    }

    /** Everything a container of the release needs, its config vars opened. */
    public AppTarget of(Release release, AppSpec spec) {
        return target(release, spec, release.config() == null ? Map.of()
                : cipher.open(release.tenant, release.app, release.config()));
    }

    /**
     * The release's shape without its config vars, for comparing with what runs: nothing is opened, so one snapshot
     * that cannot be opened fails the repair of its own app only, not the drift check of every app.
     */
    public AppTarget shapeOf(Release release, AppSpec spec) {
        return target(release, spec, Map.of());
    }

    private static AppTarget target(Release release, AppSpec spec, Map<String, String> env) {
        int memoryMb = release.memoryMb != null ? release.memoryMb : spec.memoryMb;
        double cpus = release.cpus != null ? release.cpus : spec.cpus;
        return new AppTarget(release.tenant, release.app, release.version, release.image, spec.replicas, memoryMb,
                cpus, spec.healthPath, env);
    }
}
