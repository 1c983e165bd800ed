package io.cloudunit.deployer.instance;

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
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

@Path("/api/v1/tenants/{tenant}/apps/{app}/stats")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "instances")
public class StatsResource {
    private final AppStats stats;

    public StatsResource(AppStats stats) {
        this.stats = stats;
    }

    @GET
    @Blocking
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.VIEWER)
    @Operation(summary = "CPU %, memory used and limit, network received and sent, per running instance and in total; "
            + "one sample, about a second (minimal role: viewer)")
    public StatsView stats(@PathParam("tenant") String tenant, @PathParam("app") String app) {
        Names.requireDnsLabel("tenant", tenant);
        Names.requireDnsLabel("app", app);
        return stats.of(tenant, app);
    }
}
