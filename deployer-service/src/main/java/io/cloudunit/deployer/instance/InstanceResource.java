package io.cloudunit.deployer.instance;

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
import io.smallrye.common.annotation.Blocking;

@Path("/api/v1/tenants/{tenant}/apps/{app}/instances")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "instances")
public class InstanceResource {
    private final InstanceInspector instances;

    public InstanceResource(InstanceInspector instances) {
        this.instances = instances;
    }

    @GET
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.VIEWER)
    @Operation(summary = "The app's instances: id, state, health, restarts, started, node, release, address "
            + "(minimal role: viewer)")
    @Blocking
    public List<InstanceView> list(@PathParam("tenant") String tenant, @PathParam("app") String app) {
        Names.requireDnsLabel("tenant", tenant);
        Names.requireDnsLabel("app", app);
        return instances.of(tenant, app);
    }
}
