package io.cloudunit.deployer.release;

import java.util.List;

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
import io.smallrye.mutiny.Uni;

@Path("/api/v1/tenants/{tenant}/apps/{app}/releases")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "releases")
public class ReleaseResource {
    private final ReleaseService releases;

    public ReleaseResource(ReleaseService releases) {
        this.releases = releases;
    }

    @GET
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.VIEWER)
    @Operation(summary = "The app's releases, newest first (minimal role: viewer)")
    public Uni<List<ReleaseView>> list(@PathParam("tenant") String tenant, @PathParam("app") String app) {
        Names.requireDnsLabel("tenant", tenant);
        Names.requireDnsLabel("app", app);
        return releases.list(tenant, app).map(rows -> rows.stream().map(ReleaseView::of).toList());
    }
}
