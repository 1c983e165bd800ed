package io.cloudunit.deployer.release;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.deployer.rollout.DeploymentStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ReleaseRepository implements PanacheRepositoryBase<Release, UUID> {

    public Uni<List<Release>> ofApp(String tenant, String app) {
        return list("tenant = ?1 and app = ?2", Sort.descending("version"), tenant, app);
    }

    public Uni<Release> find(String tenant, String app, int version) {
        return find("tenant = ?1 and app = ?2 and version = ?3", tenant, app, version).firstResult();
    }

    /** The release a build got when it succeeded (the lowest version running it). */
    public Uni<Release> firstOfBuild(String tenant, String app, UUID buildId) {
        return find("tenant = ?1 and app = ?2 and buildId = ?3", Sort.ascending("version"), tenant, app, buildId)
                .firstResult();
    }

    /** The newest release of the app's current incarnation (versions from {@code firstVersion} on), or null. */
    public Uni<Release> latestOf(String tenant, String app, int firstVersion) {
        return find("tenant = ?1 and app = ?2 and version >= ?3", Sort.descending("version"), tenant, app,
                firstVersion).firstResult();
    }

    public Uni<Boolean> existsForBuild(String tenant, String app, UUID buildId) {
        return count("tenant = ?1 and app = ?2 and buildId = ?3", tenant, app, buildId).map(n -> n > 0);
    }

    /** Per app, the newest release that rolled out successfully: what should be serving. */
    public Uni<List<Release>> serving() {
        return find("""
                from Release r where r.version = (select max(d.version) from Deployment d
                where d.tenant = r.tenant and d.app = r.app and d.status = ?1)""", DeploymentStatus.SUCCEEDED).list();
    }

    public Uni<Release> servingOf(String tenant, String app) {
        return find("""
                from Release r where r.tenant = ?1 and r.app = ?2 and r.version = (select max(d.version)
                from Deployment d where d.tenant = r.tenant and d.app = r.app and d.status = ?3)""",
                tenant, app, DeploymentStatus.SUCCEEDED).firstResult();
    }

    /** Releases of live apps (their current incarnation) not yet marked image-gone: what the image sweep checks. */
    public Uni<List<Release>> unmarkedOfLiveApps() {
        return list("""
                from Release r where r.imageGoneAt is null and exists (from AppSpec s where s.tenant = r.tenant
                and s.app = r.app and s.deleted = false and r.version >= s.firstVersion)""");
    }

    public Uni<Integer> latestVersion(String tenant, String app) {
        return find("select max(version) from Release where tenant = ?1 and app = ?2", tenant, app)
                .project(Integer.class).firstResult()
                .map(max -> max == null ? 0 : max);
    }
}
