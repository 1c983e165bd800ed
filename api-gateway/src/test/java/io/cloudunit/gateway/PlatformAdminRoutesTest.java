package io.cloudunit.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.cloudunit.gateway.support.Events;
import io.cloudunit.gateway.support.StubService;
import io.cloudunit.gateway.support.Stubs;
import io.cloudunit.gateway.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Routes a service declares {@code platform-admin}: the platform admin (realm role, user admin) passes on any
 * tenant, member or not; a member of the tenant gets 403, anyone else 404; nothing refused reaches the service.
 */
@QuarkusTest
@WithTestResource(value = Stubs.class, scope = TestResourceScope.GLOBAL)
class PlatformAdminRoutesTest {
    /** Declared by no stub document: the fallback rule knows it is for platform admins. */
    private static final String SUSPENSION = "/api/v1/tenants/{t}/suspension";
    /** Declared {@code platform-admin} by the deployer stub's document. */
    private static final String QUARANTINE = "/api/v1/tenants/{t}/apps/web/actions/quarantine";

    private final String tenant = Events.uniqueName("pa");

    @Test
    void aPlatformAdminPassesOnATenantHeIsNoMemberOf() {
        Stubs.member("alice", tenant, "owner");

        given().header("Authorization", Tokens.bearer("admin")).contentType("application/json").body("{}")
                .put(SUSPENSION, tenant).then().statusCode(200); // the stub's answer
        given().header("Authorization", Tokens.bearer("admin")).delete(SUSPENSION, tenant).then().statusCode(200);
        given().header("Authorization", Tokens.bearer("admin")).post(QUARANTINE, tenant).then().statusCode(201);
        given().header("Authorization", Tokens.bearer("admin")).get("/api/v1/tenants/{t}/quota", tenant)
                .then().statusCode(200);

        assertEquals(List.of("PUT", "DELETE", "GET"), methods(Stubs.TENANT), "forwarded to tenant-service");
        assertEquals(List.of("POST"), methods(Stubs.DEPLOYER), "forwarded to the deployer");
    }

    @Test
    void aPlatformAdminWhoIsAlsoAMemberPassesWhateverHisRole() {
        Stubs.member("admin", tenant, "viewer");

        given().header("Authorization", Tokens.bearer("admin")).contentType("application/json").body("{}")
                .put(SUSPENSION, tenant).then().statusCode(200);
        given().header("Authorization", Tokens.bearer("admin")).post(QUARANTINE, tenant).then().statusCode(201);
    }

    @Test
    void membersGet403AndOutsiders404AndNothingIsForwarded() {
        Stubs.member("alice", tenant, "owner");
        Stubs.member("carol", tenant, "developer");

        for (String user : List.of("alice", "carol")) {
            String role = "alice".equals(user) ? "owner" : "developer";
            String detail = "this needs a platform administrator and you are " + role + " in tenant '" + tenant
                    + "': ask a platform administrator";
            given().header("Authorization", Tokens.bearer(user)).contentType("application/json").body("{}")
                    .put(SUSPENSION, tenant).then().statusCode(403).contentType("application/problem+json")
                    .body("detail", equalTo(detail));
            given().header("Authorization", Tokens.bearer(user)).delete(SUSPENSION, tenant)
                    .then().statusCode(403).body("detail", equalTo(detail));
            given().header("Authorization", Tokens.bearer(user)).post(QUARANTINE, tenant)
                    .then().statusCode(403).body("detail", equalTo(detail));
        }
        String notFound = "tenant '" + tenant + "' not found: check the name, "
                + "GET /api/v1/me lists the tenants you belong to";
        given().header("Authorization", Tokens.bearer("bob")).contentType("application/json").body("{}")
                .put(SUSPENSION, tenant).then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo(notFound));
        given().header("Authorization", Tokens.bearer("bob")).delete(SUSPENSION, tenant)
                .then().statusCode(404).body("detail", equalTo(notFound));
        given().header("Authorization", Tokens.bearer("bob")).post(QUARANTINE, tenant)
                .then().statusCode(404).body("detail", equalTo(notFound));

        assertEquals(List.of(), methods(Stubs.TENANT), "tenant-service never called");
        assertEquals(List.of(), methods(Stubs.DEPLOYER), "the deployer never called");
    }

    private List<String> methods(StubService service) {
        return service.receivedUnder("/api/v1/tenants/" + tenant).stream().map(StubService.Received::method).toList();
    }
}
