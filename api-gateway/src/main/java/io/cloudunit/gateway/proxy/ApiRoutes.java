package io.cloudunit.gateway.proxy;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.gateway.GatewayConfig;

/** The route table of the public API: which service owns a path (first match wins). */
@ApplicationScoped
public class ApiRoutes {
    private static final Set<String> DEPLOYER_SECTIONS = Set.of("releases", "rollback", "deployments", "actions",
            "instances", "logs", "stats", "state");
    /** Served by the gateway itself: the event stream and the audit log. */
    private static final Set<String> LOCAL_SECTIONS = Set.of("events", "audit");

    /** Where a request goes: one of the services, or the gateway's own endpoints. */
    public sealed interface Target {
    }

    public record Forward(Upstream upstream) implements Target {
    }

    /** Served by the gateway itself (its JAX-RS resources). */
    public record Local() implements Target {
    }

    /** Owned by the gateway but not offered by this version: answered 404 with this detail. */
    public record NotOffered(String detail) implements Target {
    }

    private final Forward tenantService;
    private final Forward buildService;
    private final Forward deployerService;

    public ApiRoutes(GatewayConfig config) {
        this.tenantService = new Forward(new Upstream("tenant-service", config.tenantServiceUrl()));
        this.buildService = new Forward(new Upstream("build-service", config.buildServiceUrl()));
        this.deployerService = new Forward(new Upstream("deployer-service", config.deployerServiceUrl()));
    }

    public Target target(ApiPath path) {
        if (path.hasApp() && path.appSection().filter("builds"::equals).isPresent()) {
            return buildService;
        }
        if (path.hasApp() && path.appSection().filter(DEPLOYER_SECTIONS::contains).isPresent()) {
            return deployerService;
        }
        if (path.section().filter(LOCAL_SECTIONS::contains).isPresent()) {
            return new Local();
        }
        if (path.section().filter("webhooks"::equals).isPresent()) {
            return new NotOffered("webhooks are not available in this version of CloudUnit; "
                    + "subscribe to GET /api/v1/tenants/{tenant}/events (SSE) instead");
        }
        return tenantService;
    }

    /** Every service the gateway forwards to. */
    public List<Upstream> upstreams() {
        return List.of(tenantService.upstream(), buildService.upstream(), deployerService.upstream());
    }

    public Upstream tenantService() {
        return tenantService.upstream();
    }

    public Upstream deployerService() {
        return deployerService.upstream();
    }
}
