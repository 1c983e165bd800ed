package io.cloudunit.deployer.crash;

import java.time.OffsetDateTime;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.platform.api.RequiredRole;
import io.cloudunit.platform.problem.Names;
import io.cloudunit.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/tenants/{tenant}/apps/{app}/state")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "instances")
public class AppStateResource {
    private final AppStates states;
    private final DeployerConfig config;

    public AppStateResource(AppStates states, DeployerConfig config) {
        this.states = states;
        this.config = config;
    }

    @GET
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.VIEWER)
    @Operation(summary = "The app's runtime state: running, stopped, crashed or image-gone (with why and what to do) "
            + "or not-deployed, the serving release and its recent crashes (minimal role: viewer)")
    public Uni<AppStates.View> state(@PathParam("tenant") String tenant, @PathParam("app") String app) {
        Names.requireDnsLabel("tenant", tenant);
        Names.requireDnsLabel("app", app);
        return states.of(tenant, app, OffsetDateTime.now().minus(config.crash().window())).map(view -> {
            if (view == null) {
                throw ProblemException.notFound("app '" + app + "' of tenant '" + tenant + "' does not exist");
            }
            return view;
        });
    }
}
