package io.cloudunit.deployer.rollout;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cloudunit.platform.api.RequiredRole;
import io.cloudunit.platform.problem.Names;
import io.cloudunit.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/tenants/{tenant}/apps/{app}/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "deployments")
public class DeploymentResource {
    private final DeploymentService deployments;

    public DeploymentResource(DeploymentService deployments) {
        this.deployments = deployments;
    }

    @GET
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.VIEWER)
    @Path("/{id}")
    @Operation(summary = "Progress of a rollout: status, failure reason, instances (minimal role: viewer)")
    public Uni<DeploymentView> get(@PathParam("tenant") String tenant, @PathParam("app") String app,
            @PathParam("id") String id) {
        Names.requireDnsLabel("tenant", tenant);
        Names.requireDnsLabel("app", app);
        return deployments.view(tenant, app, parse(id));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("deployment '" + id + "' does not exist: deployment ids are UUIDs, "
                    + "as announced by the deployment.started event");
        }
    }
}
