package io.cloudunit.gateway.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudunit.gateway.audit.AuditResource;
import io.cloudunit.gateway.events.EventResource;
import io.cloudunit.platform.events.EventJson;
import io.vertx.core.http.HttpMethod;

class RouteRolesTest {

    @Test
    void aTemplateVariableMatchesExactlyOneSegment() {
        var pattern = RouteRoles.pattern("/api/v1/tenants/{tenant}/apps/{app}");
        assertTrue(pattern.matcher("/api/v1/tenants/acme/apps/web").matches());
        assertFalse(pattern.matcher("/api/v1/tenants/acme/apps/web/builds").matches());
        assertFalse(pattern.matcher("/api/v1/tenants/acme/apps/").matches());
        assertFalse(RouteRoles.pattern("/api/v1/a.b").matcher("/api/v1/aXb").matches(), "literals are literal");
    }

    @Test
    void rulesComeFromTheRoleExtensionOfEachOperation() {
        JsonNode document = EventJson.read("""
                {"paths": {"/api/v1/tenants/{tenant}/apps": {
                    "get": {"x-cloudunit-role": "viewer"}, "post": {"x-cloudunit-role": "developer"}},
                  "/api/v1/tenants/{tenant}/suspension": {"put": {"x-cloudunit-role": "platform-admin"}},
                  "/api/v1/me": {"get": {}},
                  "/api/v1/tenants/{tenant}/odd": {"get": {"x-cloudunit-role": "superuser"}}}}""", JsonNode.class);

        List<RouteRoles.Rule> rules = RouteRoles.fromDocument(document);

        assertEquals(List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT),
                rules.stream().map(RouteRoles.Rule::method).toList());
        assertEquals(List.of(Role.VIEWER, Role.DEVELOPER, Role.PLATFORM_ADMIN),
                rules.stream().map(RouteRoles.Rule::role).toList());
    }

    @Test
    void theGatewaysOwnEndpointsDeclareTheirRolesToo() {
        assertEquals(List.of(
                new ResourceRoles.Route("GET", "/api/v1/tenants/{tenant}/audit", "owner"),
                new ResourceRoles.Route("GET", "/api/v1/tenants/{tenant}/events", "viewer"),
                new ResourceRoles.Route("GET", "/api/v1/tenants/{tenant}/events/history", "viewer")),
                ResourceRoles.of(EventResource.class, AuditResource.class).stream()
                        .sorted(java.util.Comparator.comparing(ResourceRoles.Route::path)).toList());
    }
}
