package io.cloudunit.tenant.config;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.tenant.access.CurrentCaller;
import io.cloudunit.tenant.access.Role;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Authenticated
@Path("/api/v1/tenants/{tenant}/apps/{app}/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "config")
public class ConfigResource {
    static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    private static final String EXAMPLE = "{\"vars\": {\"NAME\": \"value\"}}";

    private final ConfigService service;
    private final CurrentCaller caller;

    public ConfigResource(ConfigService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The app's config vars: values for developers and owners; for viewers values are "
            + "write-only (each name maps to null)")
    @Extension(name = Role.EXTENSION, value = Role.Names.VIEWER)
    public Uni<ConfigView> get(@PathParam("tenant") String tenant, @PathParam("app") String app) {
        return service.get(tenant, app, caller.get());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace all config vars of the app with {\"vars\": {\"NAME\": \"value\"}}")
    @Extension(name = Role.EXTENSION, value = Role.Names.DEVELOPER)
    public Uni<ConfigView> replace(@PathParam("tenant") String tenant, @PathParam("app") String app,
            ConfigVarsRequest body) {
        return service.replace(tenant, app, caller.get(), required(body));
    }

    @PATCH
    @Consumes({ MediaType.APPLICATION_JSON, MERGE_PATCH_JSON })
    @Operation(summary = "Set and unset config vars: {\"vars\": {\"SET_ME\": \"value\", \"UNSET_ME\": null}}")
    @Extension(name = Role.EXTENSION, value = Role.Names.DEVELOPER)
    public Uni<ConfigView> patch(@PathParam("tenant") String tenant, @PathParam("app") String app,
            ConfigVarsRequest body) {
        return service.patch(tenant, app, caller.get(), required(body));
    }

    private static ConfigVarsRequest required(ConfigVarsRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required: " + EXAMPLE);
        }
        return body;
    }
}
