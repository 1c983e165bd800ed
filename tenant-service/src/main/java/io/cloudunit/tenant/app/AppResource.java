package io.cloudunit.tenant.app;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cloudunit.platform.events.Sequences;
import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.tenant.access.CurrentCaller;
import io.cloudunit.tenant.access.Role;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Authenticated
@Path("/api/v1/tenants/{tenant}/apps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "apps")
public class AppResource {
    private final AppService service;
    private final CurrentCaller caller;

    public AppResource(AppService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an app: name and stack are required; memoryMb 512, cpus 0.5, replicas 1 by default; "
            + "javaVersion (stack java: 17 or 25) absent = each build runs on the Java its JAR needs; autoRollback "
            + "(default false): a release that never gets healthy is followed by a rollback to the one that served")
    @Extension(name = Role.EXTENSION, value = Role.Names.DEVELOPER)
    public Uni<RestResponse<AppView>> create(@PathParam("tenant") String tenant, NewApp body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required: {\"name\": \"hello\", \"stack\": \"java\"}");
        }
        return service.create(tenant, caller.get(), body).map(app -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.CREATED, app)
                .header(HttpHeaders.LOCATION, "/api/v1/tenants/" + tenant + "/apps/" + app.name())
                .build());
    }

    @GET
    @Operation(summary = "The apps of a tenant")
    @Extension(name = Role.EXTENSION, value = Role.Names.VIEWER)
    public Uni<List<AppView>> list(@PathParam("tenant") String tenant) {
        return service.list(tenant, caller.get());
    }

    @GET
    @Path("{app}")
    @Operation(summary = "One app: its spec and URL")
    @Extension(name = Role.EXTENSION, value = Role.Names.VIEWER)
    public Uni<RestResponse<AppView>> get(@PathParam("tenant") String tenant, @PathParam("app") String app) {
        return service.get(tenant, app, caller.get()).map(found -> {
            RestResponse.ResponseBuilder<AppView> ok = RestResponse.ResponseBuilder.ok(found.view());
            if (!found.eventsSoFar().isEmpty()) {
                ok.header(Sequences.HTTP_HEADER, Sequences.format(found.eventsSoFar()));
            }
            return ok.build();
        });
    }

    @PATCH
    @Path("{app}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an app: any of replicas, memoryMb, cpus (409 beyond the tenant's quota), "
            + "javaVersion (17, 25 or null for automatic), autoRollback (true or false)")
    @Extension(name = Role.EXTENSION, value = Role.Names.DEVELOPER)
    public Uni<AppView> scale(@PathParam("tenant") String tenant, @PathParam("app") String app, AppScale body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required: {\"replicas\": 2}");
        }
        return service.scale(tenant, app, caller.get(), body);
    }

    @DELETE
    @Path("{app}")
    @Operation(summary = "Delete an app; the deployer removes its instances")
    @Extension(name = Role.EXTENSION, value = Role.Names.DEVELOPER)
    public Uni<RestResponse<Void>> delete(@PathParam("tenant") String tenant, @PathParam("app") String app) {
        return service.delete(tenant, app, caller.get()).map(done -> RestResponse.noContent());
    }
}
