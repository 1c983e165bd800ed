package io.cloudunit.gateway.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.cloudunit.gateway.proxy.ApiPath;
import io.vertx.core.http.HttpMethod;

class RoleRuleTest {

    @Test
    void readsNeedAViewerAndWritesADeveloper() {
        assertEquals(Role.VIEWER, required(HttpMethod.GET, "/api/v1/tenants/acme/apps"));
        assertEquals(Role.VIEWER, required(HttpMethod.HEAD, "/api/v1/tenants/acme/apps/web/builds/1"));
        assertEquals(Role.DEVELOPER, required(HttpMethod.POST, "/api/v1/tenants/acme/apps"));
        assertEquals(Role.DEVELOPER, required(HttpMethod.DELETE, "/api/v1/tenants/acme/apps/web"));
        assertEquals(Role.DEVELOPER, required(HttpMethod.PATCH, "/api/v1/tenants/acme"));
    }

    @Test
    void deletingTheTenantChangingMembersAndReadingTheAuditNeedAnOwner() {
        assertEquals(Role.OWNER, required(HttpMethod.DELETE, "/api/v1/tenants/acme"));
        assertEquals(Role.OWNER, required(HttpMethod.DELETE, "/api/v1/tenants/acme/"));
        assertEquals(Role.OWNER, required(HttpMethod.POST, "/api/v1/tenants/acme/members"));
        assertEquals(Role.OWNER, required(HttpMethod.PATCH, "/api/v1/tenants/acme/members/bob"));
        assertEquals(Role.OWNER, required(HttpMethod.DELETE, "/api/v1/tenants/acme/members/bob"));
        assertEquals(Role.VIEWER, required(HttpMethod.GET, "/api/v1/tenants/acme/members"));
        assertEquals(Role.OWNER, required(HttpMethod.GET, "/api/v1/tenants/acme/audit"));
    }

    @Test
    void everyCallOnTokensNeedsAnOwner() {
        assertEquals(Role.OWNER, required(HttpMethod.GET, "/api/v1/tenants/acme/tokens"));
        assertEquals(Role.OWNER, required(HttpMethod.POST, "/api/v1/tenants/acme/tokens"));
        assertEquals(Role.OWNER, required(HttpMethod.DELETE, "/api/v1/tenants/acme/tokens/7"));
    }

    @Test
    void theSuspensionIsForPlatformAdminsEvenWithoutTheServicesDocument() {
        assertEquals(Role.PLATFORM_ADMIN, required(HttpMethod.PUT, "/api/v1/tenants/acme/suspension"));
        assertEquals(Role.PLATFORM_ADMIN, required(HttpMethod.DELETE, "/api/v1/tenants/acme/suspension"));
    }

    @Test
    void noTenantRoleMeetsThePlatformAdminRequirement() {
        for (Role role : List.of(Role.OWNER, Role.DEVELOPER, Role.VIEWER)) {
            assertFalse(role.atLeast(Role.PLATFORM_ADMIN), role.label());
        }
        assertTrue(Role.PLATFORM_ADMIN.atLeast(Role.PLATFORM_ADMIN));
        assertFalse(Role.PLATFORM_ADMIN.atLeast(Role.VIEWER), "it is no tenant role");
        assertEquals(Role.PLATFORM_ADMIN, Role.of("platform-admin").orElseThrow());
        assertTrue(Role.ofMember("platform-admin").isEmpty(), "a membership never carries it");
    }

    @Test
    void rolesAreOrdered() {
        assertTrue(Role.OWNER.atLeast(Role.DEVELOPER));
        assertTrue(Role.DEVELOPER.atLeast(Role.DEVELOPER));
        assertFalse(Role.VIEWER.atLeast(Role.DEVELOPER));
        assertEquals(Role.DEVELOPER, Role.of("developer").orElseThrow());
        assertTrue(Role.of("admin").isEmpty());
    }

    private static Role required(HttpMethod method, String path) {
        return RoleRule.required(method, ApiPath.of(path));
    }
}
