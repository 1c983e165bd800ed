package io.cloudunit.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Health and the OpenAPI document are open; the document declares the least role of each operation. */
@QuarkusTest
class ServiceEndpointsTest {

    @Test
    void healthIsUpWithTheDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theOpenApiDocumentListsTheApiAndItsRoles() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/tenants/{tenant}/apps'.post.x-cloudunit-role", equalTo("developer"))
                .body("paths.'/api/v1/tenants/{tenant}/apps/{app}'.get.x-cloudunit-role", equalTo("viewer"))
                .body("paths.'/api/v1/me'.get.summary", containsString("tenants"));
    }
}
