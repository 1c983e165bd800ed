package io.cloudunit.tenant.plan;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cloudunit.platform.api.RequiredRole;
import io.cloudunit.tenant.access.CurrentCaller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Authenticated
@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "plans")
public class PlanResource {
    private final PlanService service;
    private final CurrentCaller caller;

    public PlanResource(PlanService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The plans a tenant can be on, with their limits")
    public Uni<List<PlanView>> list() {
        return service.list();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a plan (platform admins): every limit is required, "
            + "{\"maxApps\": 25, \"maxInstances\": 50, \"totalMemoryMb\": 16384, \"maxConcurrentBuilds\": 4, "
            + "\"maxArtifactMb\": 256, \"maxConfigVars\": 200}")
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.PLATFORM_ADMIN)
    public Uni<RestResponse<PlanView>> put(@PathParam("name") String name, Map<String, Integer> body) {
        return service.put(name, caller.get(), body).map(saved -> RestResponse.ResponseBuilder
                .create(saved.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK, saved.plan())
                .build());
    }
}
