package io.cloudunit.deployer.release;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cloudunit.deployer.runtime.Blocking;
import io.cloudunit.platform.api.RequiredRole;
import io.cloudunit.platform.problem.Names;
import io.cloudunit.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Releases of an app (ADR 0022): the list with who, why and status; deploying a chosen build; rolling back to an
 * earlier release. Both POSTs answer 202 with the new release; its rollout is {@code deploymentId}. Blocking: the
 * engine is asked whether images are still there.
 */
@Path("/api/v1/tenants/{tenant}/apps/{app}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "releases")
@io.smallrye.common.annotation.Blocking
public class ReleaseResource {
    private final ReleaseService releases;
    private final ReleaseImages images;
    private final SecurityIdentity caller;

    public ReleaseResource(ReleaseService releases, ReleaseImages images, SecurityIdentity caller) {
        this.releases = releases;
        this.images = images;
        this.caller = caller;
    }

    @GET
    @Path("/releases")
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.VIEWER)
    @Operation(summary = "The app's releases, newest first, with who made each, why, and its status: current, "
            + "deploying, failed, previous or image-gone (minimal role: viewer)")
    public List<ReleaseView> list(@PathParam("tenant") String tenant, @PathParam("app") String app) {
        requireNames(tenant, app);
        List<ReleaseView> views = Blocking.await(() -> releases.list(tenant, app));
        Set<Integer> gone = images.markGone(tenant, app, views);
        return gone.isEmpty() ? views : Blocking.await(() -> releases.list(tenant, app));
    }

    @POST
    @Path("/releases")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.DEVELOPER)
    @Operation(summary = "Deploy a successful build of the app again, with the config as it is now: "
            + "{\"buildId\": \"<uuid>\"}; 409 when its image is gone from the engine (build again); 202 with the new "
            + "release (minimal role: developer)")
    public Response deploy(@PathParam("tenant") String tenant, @PathParam("app") String app, DeployRequest body) {
        requireNames(tenant, app);
        UUID buildId = buildId(body);
        Release source = Blocking.await(() -> releases.buildSource(tenant, app, buildId));
        if (!images.stillThere(source)) {
            throw ProblemException.conflict(source.buildLabel() + " cannot run again: its image " + source.image
                    + " is gone from the engine; upload the artifact again (POST …/apps/" + app + "/builds) to "
                    + "rebuild it, then deploy that build");
        }
        Release release = Blocking.await(() -> releases.deployBuild(tenant, app, buildId, actor()));
        return accepted(tenant, app, release);
    }

    @POST
    @Path("/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.DEVELOPER)
    @Operation(summary = "Roll back: a new release running an earlier one's image and config, {\"version\": 1}; "
            + "409 when that image is gone from the engine; 202 with the new release (minimal role: developer)")
    public Response rollback(@PathParam("tenant") String tenant, @PathParam("app") String app, RollbackRequest body) {
        requireNames(tenant, app);
        int version = version(body);
        Release source = Blocking.await(() -> releases.find(tenant, app, version));
        if (!images.stillThere(source)) {
            throw ProblemException.conflict("release v" + version + " cannot run again: its image " + source.image
                    + " is gone from the engine; roll back to a release that is not image-gone (GET …/apps/" + app
                    + "/releases), or upload the artifact again (POST …/apps/" + app + "/builds) to rebuild it");
        }
        Release release = Blocking.await(() -> releases.rollback(tenant, app, version, actor()));
        return accepted(tenant, app, release);
    }

    public record DeployRequest(String buildId) {
    }

    public record RollbackRequest(Integer version) {
    }

    private Response accepted(String tenant, String app, Release release) {
        ReleaseView view = Blocking.await(() -> releases.view(release));
        return Response.accepted(view).location(URI.create("/api/v1/tenants/" + tenant + "/apps/" + app
                + "/deployments/" + view.deploymentId())).build();
    }

    private String actor() {
        return caller.getPrincipal().getName();
    }

    private static void requireNames(String tenant, String app) {
        Names.requireDnsLabel("tenant", tenant);
        Names.requireDnsLabel("app", app);
    }

    private static UUID buildId(DeployRequest body) {
        if (body == null || body.buildId() == null) {
            throw ProblemException.unprocessable("the body must name the build: {\"buildId\": \"<uuid>\"} "
                    + "(GET …/builds lists the app's builds)");
        }
        try {
            return UUID.fromString(body.buildId());
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("buildId '" + body.buildId() + "' is not a build id (a UUID)");
        }
    }

    private static int version(RollbackRequest body) {
        if (body == null || body.version() == null || body.version() < 1) {
            throw ProblemException.unprocessable("the body must name the release to roll back to: "
                    + "{\"version\": <n>} with n >= 1 (GET …/releases lists them)");
        }
        return body.version();
    }
}
