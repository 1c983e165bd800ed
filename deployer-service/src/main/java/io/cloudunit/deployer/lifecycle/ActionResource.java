package io.cloudunit.deployer.lifecycle;

import java.net.URI;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cloudunit.deployer.reconcile.Reconciler;
import io.cloudunit.platform.api.RequiredRole;
import io.cloudunit.platform.problem.Names;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Lifecycle actions: 202 at once; the reconciler (start, stop) or the rollout worker (restart) does the work. */
@Path("/api/v1/tenants/{tenant}/apps/{app}/actions")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "lifecycle")
public class ActionResource {
    private final LifecycleService lifecycle;
    private final Reconciler reconciler;

    public ActionResource(LifecycleService lifecycle, Reconciler reconciler) {
        this.lifecycle = lifecycle;
        this.reconciler = reconciler;
    }

    @POST
    @Path("/stop")
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.DEVELOPER)
    @Operation(summary = "Stop the app: its release stays, no instance runs, the router answers 503 "
            + "(minimal role: developer)")
    @APIResponse(responseCode = "202", description = "Accepted: instance.stopped follows for each instance")
    public Uni<Response> stop(@PathParam("tenant") String tenant, @PathParam("app") String app) {
        validate(tenant, app);
        return lifecycle.stop(tenant, app).map(view -> accepted(view, instances(tenant, app)));
    }

    @POST
    @Path("/start")
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.DEVELOPER)
    @Operation(summary = "Start a stopped app on its current release (minimal role: developer)")
    @APIResponse(responseCode = "202", description = "Accepted: instance.started follows for each instance")
    public Uni<Response> start(@PathParam("tenant") String tenant, @PathParam("app") String app) {
        validate(tenant, app);
        return lifecycle.start(tenant, app).map(view -> accepted(view, instances(tenant, app)));
    }

    @POST
    @Path("/restart")
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.DEVELOPER)
    @Operation(summary = "Replace the app's instances one by one, each health-gated (minimal role: developer)")
    @APIResponse(responseCode = "202", description = "Accepted: the restart deployment to follow (Location)")
    @APIResponse(responseCode = "409", description = "The app is stopped or has no release serving")
    public Uni<Response> restart(@PathParam("tenant") String tenant, @PathParam("app") String app) {
        validate(tenant, app);
        return lifecycle.restart(tenant, app).map(view -> accepted(view, URI.create("/api/v1/tenants/" + tenant
                + "/apps/" + app + "/deployments/" + view.deploymentId())));
    }

    private Response accepted(ActionView view, URI location) {
        if (view.deploymentId() == null) {
            reconciler.reconcileSoon(view.tenant(), view.app());
        }
        return Response.accepted(view).location(location).build();
    }

    private static URI instances(String tenant, String app) {
        return URI.create("/api/v1/tenants/" + tenant + "/apps/" + app + "/instances");
    }

    private static void validate(String tenant, String app) {
        Names.requireDnsLabel("tenant", tenant);
        Names.requireDnsLabel("app", app);
    }
}
