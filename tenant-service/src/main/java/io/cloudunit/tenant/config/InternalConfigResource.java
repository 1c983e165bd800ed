package io.cloudunit.tenant.config;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.cloudunit.platform.problem.Names;
import io.smallrye.mutiny.Uni;

/**
 * The values of an app's config vars for the deployer, which snapshots them into each release (ADR 0022). Not
 * public: the gateway forwards only {@code /api}, and this answers only a token carrying the realm role
 * {@value #CONFIG_READER}, which the realm gives to the deployer's service account alone (a member's role in the
 * tenant, whatever it is, does not open it). Values never travel in events.
 */
@Path("/internal/v1/tenants/{tenant}/apps/{app}/config")
@Produces(MediaType.APPLICATION_JSON)
public class InternalConfigResource {
    public static final String CONFIG_READER = "cloudunit-config-reader";

    private final ConfigService service;

    public InternalConfigResource(ConfigService service) {
        this.service = service;
    }

    /** {@code {"vars": {"NAME": "value"}}}; 404 for an app that does not exist. */
    @GET
    @RolesAllowed(CONFIG_READER)
    public Uni<ReleaseConfig> get(@PathParam("tenant") String tenant, @PathParam("app") String app) {
        Names.requireDnsLabel("tenant", tenant);
        Names.requireDnsLabel("app", app);
        return service.valuesForRelease(tenant, app).map(ReleaseConfig::new);
    }

    public record ReleaseConfig(Map<String, String> vars) {
    }
}
