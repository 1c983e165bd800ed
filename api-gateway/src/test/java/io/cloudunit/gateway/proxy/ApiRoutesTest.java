package io.cloudunit.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.cloudunit.gateway.GatewayConfig;

class ApiRoutesTest {
    private final ApiRoutes routes = new ApiRoutes(new GatewayConfig() {
        public URI tenantServiceUrl() {
            return URI.create("http://127.0.0.1:8082");
        }

        public URI buildServiceUrl() {
            return URI.create("http://127.0.0.1:8083");
        }

        public URI deployerServiceUrl() {
            return URI.create("http://127.0.0.1:8084");
        }

        public Duration membershipTtl() {
            return Duration.ofSeconds(60);
        }

        public Duration connectTimeout() {
            return Duration.ofSeconds(2);
        }

        public int maxConnectionsPerUpstream() {
            return 10;
        }

        public int replayDefault() {
            return 100;
        }

        public int replayMax() {
            return 1000;
        }

        public Duration sseHeartbeat() {
            return Duration.ofSeconds(15);
        }

        public int sseBuffer() {
            return 100;
        }

        public Duration eventOrderBound() {
            return Duration.ofSeconds(5);
        }

        @Override
        public int routerPort() {
            return 8081;
        }

        public String routerHost() {
            return "127.0.0.1";
        }

        public String appsDomain() {
            return "apps.localhost";
        }

        public Duration routeSnapshotMaxBackoff() {
            return Duration.ofSeconds(15);
        }

        public RateLimit rateLimit() {
            return null;
        }

        public Audit audit() {
            return null;
        }
    });

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
