package io.cloudunit.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.cloudunit.gateway.support.Events;
import io.cloudunit.gateway.support.Stubs;
import io.cloudunit.gateway.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The gateway enforces the least role each service declares, and serves one document for the whole API. */
@QuarkusTest
@WithTestResource(value = Stubs.class, scope = TestResourceScope.GLOBAL)
class OpenApiAndRolesTest {
    private static final String RESTART = "/api/v1/tenants/{t}/apps/web/actions/restart";

    private final String tenant = Events.uniqueName("or");

    @Test
    void aRouteNeedsTheRoleItsServiceDeclaresNotTheFallbackRule() {
        Stubs.member("alice", tenant, "developer");
        int forwarded = Stubs.DEPLOYER.receivedUnder("/api/v1/tenants/" + tenant).size();

        given().header("Authorization", Tokens.bearer("alice")).post(RESTART, tenant)
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("this needs the owner role in tenant '" + tenant
                        + "' and you are developer: ask an owner of the tenant"));
        assertEquals(forwarded,
                Stubs.DEPLOYER.receivedUnder("/api/v1/tenants/" + tenant).size(), "never forwarded");

        Stubs.member("bob", tenant, "owner");
        given().header("Authorization", Tokens.bearer("bob")).post(RESTART, tenant).then().statusCode(201); // the stub's answer
    }

    @Test
    void theMergedDocumentHasEveryServicesPublicPathsWithTheirRoles() {
        given().get("/q/openapi").then().statusCode(200).contentType("application/json")
                .body("info.title", equalTo("CloudUnit API"))
                .body("paths", hasKey("/api/v1/tenants/{tenant}/events"))
                .body("paths", hasKey("/api/v1/tenants/{tenant}/apps/{app}/actions/restart"))
                .body("paths", not(hasKey("/internal/routes")))
                .body("paths.'/api/v1/tenants/{tenant}/events'.get.x-cloudunit-role", equalTo("viewer"))
                .body("paths.'/api/v1/tenants/{tenant}/apps/{app}/actions/restart'.post.x-cloudunit-role",
                        equalTo("owner"))
                .body("components.schemas.AppView.properties.state.type", equalTo("string"));
    }
}
