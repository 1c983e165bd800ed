package io.cloudunit.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cloudunit.gateway.support.Events;
import io.cloudunit.gateway.support.GeneratedBody;
import io.cloudunit.gateway.support.Stubs;
import io.cloudunit.gateway.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** build-service and deployer-service point at a port where nothing listens. */
@QuarkusTest
@TestProfile(UnavailableServiceTest.DeadServices.class)
class UnavailableServiceTest {

    public static class DeadServices implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DeadStubs.class));
        }
    }

    public static class DeadStubs extends Stubs {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            config.put("cloudunit.gateway.build-service-url", "http://127.0.0.1:1");
            config.put("cloudunit.gateway.deployer-service-url", "http://127.0.0.1:1");
            return config;
        }
    }

    @Test
    void aServiceThatDoesNotAnswerGivesA503ProblemToRetry() {
        String tenant = Events.uniqueName("t");
        Stubs.member("alice", tenant, "developer");
        given().header("Authorization", Tokens.bearer("alice")).contentType("application/java-archive")
                // streamed, as a CLI sends a JAR (and never echoed whole into a failure message)
                .body(new GeneratedBody(1024 * 1024, Long.MAX_VALUE, () -> true))
                .post("/api/v1/tenants/{t}/apps/web/builds", tenant)
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                .body("detail", equalTo("build-service is unavailable; retry shortly"));
        given().header("Authorization", Tokens.bearer("alice"))
                .post("/api/v1/tenants/{t}/apps/web/actions/restart", tenant)
                .then().statusCode(503).body("detail", equalTo("deployer-service is unavailable; retry shortly"));
        given().header("Authorization", Tokens.bearer("alice")).get("/api/v1/tenants/{t}/apps", tenant)
                .then().statusCode(200);
    }
}
