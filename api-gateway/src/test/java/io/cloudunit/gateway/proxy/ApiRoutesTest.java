package io.cloudunit.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.cloudunit.gateway.GatewayConfig;

class ApiRoutesTest {
    private final ApiRoutes routes = new ApiRoutes(serviceUrls());

    /** Only the services' URLs matter to the route table. */
    private static GatewayConfig serviceUrls() {
        return (GatewayConfig) Proxy.newProxyInstance(GatewayConfig.class.getClassLoader(),
                new Class<?>[] { GatewayConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "tenantServiceUrl" -> URI.create("http://127.0.0.1:8082");
                    case "buildServiceUrl" -> URI.create("http://127.0.0.1:8083");
                    case "deployerServiceUrl" -> URI.create("http://127.0.0.1:8084");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theFirstMatchingRouteWins() {
        assertEquals("build-service", service("/api/v1/tenants/acme/apps/web/builds"));
        assertEquals("build-service", service("/api/v1/tenants/acme/apps/web/builds/1/log"));
        assertEquals("deployer-service", service("/api/v1/tenants/acme/apps/web/releases"));
        assertEquals("deployer-service", service("/api/v1/tenants/acme/apps/web/rollback"));
        assertEquals("deployer-service", service("/api/v1/tenants/acme/apps/web/logs"));
        assertEquals("tenant-service", service("/api/v1/tenants/acme/apps/web"));
        assertEquals("tenant-service", service("/api/v1/tenants/acme/apps/builds"), "an app named builds");
        assertEquals("tenant-service", service("/api/v1/me"));
        assertEquals("tenant-service", service("/api/v1/tenants"));
        assertEquals("tenant-service", service("/api/v1/tenants/acme/quota"));
        assertInstanceOf(ApiRoutes.Local.class, routes.target(ApiPath.of("/api/v1/tenants/acme/events")));
        assertInstanceOf(ApiRoutes.Local.class, routes.target(ApiPath.of("/api/v1/tenants/acme/events/history")));
        assertInstanceOf(ApiRoutes.Local.class, routes.target(ApiPath.of("/api/v1/tenants/acme/audit")));
        assertInstanceOf(ApiRoutes.NotOffered.class, routes.target(ApiPath.of("/api/v1/tenants/acme/webhooks")));
    }

    @Test
    void theTenantIsTheFourthSegmentOfTenantPathsOnly() {
        assertEquals(Optional.of("acme"), ApiPath.of("/api/v1/tenants/acme/apps").tenant());
        assertEquals(Optional.of(""), ApiPath.of("/api/v1/tenants//acme").tenant());
        assertTrue(ApiPath.of("/api/v1/tenants").tenant().isEmpty());
        assertTrue(ApiPath.of("/api/v1/tenants/").tenant().isEmpty());
        assertTrue(ApiPath.of("/api/v1/me").tenant().isEmpty());
        assertTrue(ApiPath.of("/api/v2/tenants/acme").tenant().isEmpty());
        assertTrue(ApiPath.of("/api/v1/tenants/acme").isTenantItself());
    }

    private String service(String path) {
        return ((ApiRoutes.Forward) routes.target(ApiPath.of(path))).upstream().name();
    }
}
