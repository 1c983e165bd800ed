package io.cloudunit.deployer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cloudunit.deployer.support.Members;
import io.cloudunit.deployer.support.Names;
import io.cloudunit.deployer.support.TenantServiceStub;
import io.cloudunit.deployer.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The HTTP edge: authentication, problem+json errors, the internal route snapshot, health and OpenAPI. */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class ApiTest {
    static String token;

    @BeforeAll
    static void login() {
        token = Tokens.of("alice");
        Members.add("acme", "alice", "viewer");
    }

    @Test
    void aTenantTheCallerDoesNotBelongToIs404LikeOneThatDoesNotExist() {
        String other = "/api/v1/tenants/" + Names.unique("other") + "/apps/hello";
        for (String route : new String[] { "/releases", "/instances", "/deployments/" + UUID.randomUUID() }) {
            given().auth().oauth2(token).get(other + route)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("detail", containsString("not found"));
        }
    }

    @Test
    void aMemberIsAdmittedAndTheirRoleIsCheckedAgainstTheRoutesLeastRole() {
        String tenant = Names.unique("roles");
        Members.add(tenant, "bob", "viewer");
        given().auth().oauth2(Tokens.of("bob")).get("/api/v1/tenants/" + tenant + "/apps/hello/releases")
                .then().statusCode(200).body("size()", is(0));
        // bob is a member of this tenant only: alice's tenant stays invisible to him
        given().auth().oauth2(Tokens.of("bob")).get("/api/v1/tenants/acme/apps/hello/releases")
                .then().statusCode(404);
    }

    @Test
    void apiCallsWithoutAValidTokenAre401() {
        String base = "/api/v1/tenants/acme/apps/hello";
        given().get(base + "/releases").then().statusCode(401);
        given().get(base + "/instances").then().statusCode(401);
        given().get(base + "/deployments/" + UUID.randomUUID()).then().statusCode(401);
        given().auth().oauth2("not-a-token").get(base + "/releases").then().statusCode(401);
    }

    @Test
    void badNamesAre422ProblemsThatSayWhatIsWrong() {
        given().auth().oauth2(token).get("/api/v1/tenants/Bad_Tenant/apps/hello/releases")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", is(422))
                .body("detail", containsString("tenant 'Bad_Tenant' is not valid"));
        given().auth().oauth2(token).get("/api/v1/tenants/acme/apps/x/instances")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("app 'x' is not valid"));
    }

    @Test
    void anUnknownDeploymentIs404Problem() {
        given().auth().oauth2(token).get("/api/v1/tenants/acme/apps/hello/deployments/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("does not exist"));
        given().auth().oauth2(token).get("/api/v1/tenants/acme/apps/hello/deployments/not-a-uuid")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("UUID"));
    }

    @Test
    void anAppWithoutReleasesListsNone() {
        given().auth().oauth2(token).get("/api/v1/tenants/acme/apps/never-built/releases")
                .then().statusCode(200).body("size()", is(0));
    }

    @Test
    void theRouteSnapshotNeedsNoToken() {
        given().get("/internal/routes").then().statusCode(200).contentType("application/json")
                .body(startsWith("["));
    }

    @Test
    void healthReportsTheContainerEngine() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("container engine"));
    }

    @Test
    void openApiDescribesTheEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", hasItem("/api/v1/tenants/{tenant}/apps/{app}/releases"))
                .body("paths.keySet()", hasItem("/internal/routes"));
    }
}
