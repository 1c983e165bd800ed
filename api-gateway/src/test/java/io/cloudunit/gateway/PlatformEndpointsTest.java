package io.cloudunit.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.cloudunit.gateway.support.Stubs;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = Stubs.class, scope = TestResourceScope.GLOBAL)
class PlatformEndpointsTest {

    @Test
    void healthNeedsNoToken() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void theOpenApiDocumentDescribesTheGatewaysOwnEndpoints() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/tenants/{tenant}/events"))
                .body(containsString("/api/v1/tenants/{tenant}/events/history"))
                .body(containsString("text/event-stream"));
    }

    @Test
    void anUnknownPathOutsideTheApiIsNotProxied() {
        given().get("/nothing-here").then().statusCode(404);
        org.junit.jupiter.api.Assertions.assertTrue(Stubs.TENANT.receivedUnder("/nothing-here").isEmpty());
    }
}
