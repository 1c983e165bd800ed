package io.cloudunit.tenant;

import static io.cloudunit.tenant.Fixtures.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.InstanceEvent;
import io.cloudunit.platform.events.KafkaCloudEvents;
import io.cloudunit.tenant.usage.InstanceEventConsumer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Plans, per-tenant quotas and the refusals they cause (ADR 0015). */
@QuarkusTest
class QuotaTest {
    private static final String PROBLEM = "application/problem+json";
    private static final Map<String, Integer> SMALL = Map.of("maxApps", 2, "maxInstances", 3, "totalMemoryMb", 1024,
            "maxConcurrentBuilds", 1, "maxArtifactMb", 16, "maxConfigVars", 5);
    private static final Set<String> PLANS = ConcurrentHashMap.newKeySet();

    @AfterAll
    static void cleanUp() {
        Fixtures.cleanUp();
        PLANS.forEach(plan -> TestDb.update("delete from tenant.plans where name = ?", plan));
    }

    @Test
    void anySignedInUserSeesThePlansAndTheDefaultOneComesFromTheConfiguration() {
        as("bob").get("/api/v1/plans").then().statusCode(200)
                .body("name", hasItems("business", "default", "team"))
                .body("find { it.name == 'default' }.limits.maxApps", equalTo(3))
                .body("find { it.name == 'default' }.limits.totalMemoryMb", equalTo(4096))
                .body("find { it.name == 'team' }.limits.maxApps", equalTo(25))
                .body("find { it.name == 'team' }.limits.maxArtifactMb", equalTo(256));
        assertEquals(3, TestDb.count("select max_apps from tenant.plans where name = 'default'"));
    }

    @Test
    void aPlatformAdminCreatesAndReplacesPlansAndOthersMayNot() {
        String plan = plan();
        as("alice").contentType(ContentType.JSON).body(SMALL).put("/api/v1/plans/{p}", plan)
                .then().statusCode(403).contentType(PROBLEM).body("detail", containsString("platform-admin"));
        assertEquals(0, TestDb.count("select count(*) from tenant.plans where name = ?", plan));

        as("admin").contentType(ContentType.JSON).body(SMALL).put("/api/v1/plans/{p}", plan)
                .then().statusCode(201).body("name", equalTo(plan)).body("limits.maxApps", equalTo(2));
        Map<String, Integer> bigger = new HashMap<>(SMALL);
        bigger.put("maxApps", 7);
        as("admin").contentType(ContentType.JSON).body(bigger).put("/api/v1/plans/{p}", plan)
                .then().statusCode(200).body("limits.maxApps", equalTo(7));
        as("alice").get("/api/v1/plans").then().statusCode(200)
                .body("find { it.name == '" + plan + "' }.limits.maxApps", equalTo(7))
                .body("find { it.name == '" + plan + "' }.limits.maxArtifactMb", equalTo(16));
    }

    @Test
    void aBadPlanIsRefusedNamingTheFieldAndNothingIsWritten() {
        String plan = plan();
        Map<String, Integer> negative = new HashMap<>(SMALL);
        negative.put("maxApps", -1);
        expectPlanProblem(plan, negative, 422, "limit maxApps is -1");
        Map<String, Integer> missing = new HashMap<>(SMALL);
        missing.remove("totalMemoryMb");
        expectPlanProblem(plan, missing, 422, "limit totalMemoryMb is required");
        Map<String, Integer> unknown = new HashMap<>(SMALL);
        unknown.put("maxPets", 3);
        expectPlanProblem(plan, unknown, 422, "limit 'maxPets' is not a limit");
        expectPlanProblem("Not_A_Name", SMALL, 422, "plan name 'Not_A_Name' is not valid");
        expectPlanProblem("default", SMALL, 409, "cloudunit.tenant.quota");
        as("admin").contentType(ContentType.JSON).body("{\"maxApps\": \"lots\"}").put("/api/v1/plans/{p}", plan)
                .then().statusCode(400).contentType(PROBLEM);
        assertEquals(0, TestDb.count("select count(*) from tenant.plans where name = ?", plan));
        assertEquals(3, TestDb.count("select max_apps from tenant.plans where name = 'default'"));
    }

    @Test
    void anAdminAssignsAPlanWithOverridesAndEveryoneSeesItAndTheEventCarriesTheLimits() {
        String tenant = Fixtures.tenantOf("alice");
        long since = System.currentTimeMillis();
        as("admin").contentType(ContentType.JSON)
                .body(Map.of("plan", "team", "overrides", Map.of("maxApps", 5, "maxConfigVars", 7)))
                .put("/api/v1/tenants/{t}/quota", tenant)
                .then().statusCode(200).body("plan", equalTo("team")).body("limits.maxApps", equalTo(5));
        as("alice").get("/api/v1/tenants/{t}/quota", tenant).then().statusCode(200)
                .body("plan", equalTo("team"))
                .body("limits.maxApps", equalTo(5))
                .body("limits.maxInstances", equalTo(50))
                .body("limits.totalMemoryMb", equalTo(16384))
                .body("limits.maxConcurrentBuilds", equalTo(4))
                .body("limits.maxArtifactMb", equalTo(256))
                .body("limits.maxConfigVars", equalTo(7))
                .body("overrides.maxApps", equalTo(5))
                .body("overrides.maxInstances", nullValue());

        var changed = OutboxEvents.onTopic(tenant, "quota.changed", since, 1).get(0);
        assertEquals("team", changed.payload().get("plan"));
        assertEquals(Map.of("maxApps", 5, "maxInstances", 50, "totalMemoryMb", 16384, "maxConcurrentBuilds", 4,
                "maxArtifactMb", 256, "maxConfigVars", 7), changed.payload().get("limits"));

        // The same assignment again changes nothing and says nothing.
        as("admin").contentType(ContentType.JSON)
                .body(Map.of("plan", "team", "overrides", Map.of("maxApps", 5, "maxConfigVars", 7)))
                .put("/api/v1/tenants/{t}/quota", tenant).then().statusCode(200);
        // Left out: back to the default plan without overrides.
        as("admin").contentType(ContentType.JSON).body("{}").put("/api/v1/tenants/{t}/quota", tenant)
                .then().statusCode(200).body("plan", equalTo("default")).body("limits.maxApps", equalTo(3))
                .body("overrides.size()", equalTo(0));
        assertEquals(2, quotaChanges(tenant));
    }

    @Test
    void onlyAPlatformAdminAssignsQuotasAndBadAssignmentsChangeNothing() {
        String tenant = Fixtures.tenantOf("alice");
        String body = "{\"plan\": \"team\"}";
        as("alice").contentType(ContentType.JSON).body(body).put("/api/v1/tenants/{t}/quota", tenant)
                .then().statusCode(403).contentType(PROBLEM).body("detail", containsString("platform-admin"));
        as("bob").contentType(ContentType.JSON).body(body).put("/api/v1/tenants/{t}/quota", tenant)
                .then().statusCode(404).contentType(PROBLEM);
        as("admin").contentType(ContentType.JSON).body(body).put("/api/v1/tenants/{t}/quota", "no-such-tenant-xyz")
                .then().statusCode(404).contentType(PROBLEM);

        expectQuotaProblem(tenant, "{\"plan\": \"no-such-plan\"}", 422, "plan 'no-such-plan' does not exist");
        expectQuotaProblem(tenant, "{\"plan\": \"team\", \"overrides\": {\"maxApps\": -2}}", 422,
                "override maxApps is -2");
        expectQuotaProblem(tenant, "{\"plan\": \"team\", \"overrides\": {\"maxCats\": 2}}", 422,
                "override 'maxCats' is not a limit");
        expectQuotaProblem(tenant, "{\"plans\": \"team\"}", 422, "unknown field(s) [plans]");
        expectQuotaProblem(tenant, "{\"overrides\": {\"maxApps\": \"x\"}}", 400, "maxApps");

        as("alice").get("/api/v1/tenants/{t}/quota", tenant).then().statusCode(200)
                .body("plan", equalTo("default")).body("limits.maxApps", equalTo(3));
        assertEquals(0, quotaChanges(tenant));
        assertEquals(0, TestDb.count("select count(*) from tenant.tenant_quotas where tenant = ?", tenant));
    }

    @Test
    void aPlatformAdminReadsTheQuotaOfATenantHeIsNotAMemberOf() {
        String tenant = Fixtures.tenantOf("alice");
        as("admin").get("/api/v1/tenants/{t}/quota", tenant).then().statusCode(200)
                .body("plan", equalTo("default"));
        as("bob").get("/api/v1/tenants/{t}/quota", tenant).then().statusCode(404);
    }

    @Test
    void eachLimitRefusesWhatWouldExceedItWithAnEventAndChangesNothing() {
        String tenant = Fixtures.tenantOf("alice");
        String plan = plan();
        as("admin").contentType(ContentType.JSON).body(SMALL).put("/api/v1/plans/{p}", plan).then().statusCode(201);
        assign(tenant, plan, Map.of());

        String web = createApp(tenant, 2, 256).statusCode(201).extract().path("name");
        // a second app of 2 replicas would make 4 instances (maxInstances 3)
        createApp(tenant, 2, 256).statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("4 instances, its limit (maxInstances of plan " + plan + ") is 3"));
        String worker = createApp(tenant, 1, 256).statusCode(201).extract().path("name");
        // a third app (maxApps 2)
        createApp(tenant, 0, 64).statusCode(409)
                .body("detail", containsString("3 apps, its limit (maxApps of plan " + plan + ") is 2"));
        // scaling beyond maxInstances, then beyond totalMemoryMb (2×600 + 256 > 1024)
        scale(tenant, web, Map.of("replicas", 3)).statusCode(409)
                .body("detail", containsString("(maxInstances of plan " + plan + ") is 3"));
        scale(tenant, web, Map.of("memoryMb", 600)).statusCode(409)
                .body("detail", containsString("1456 MB of memory, its limit (totalMemoryMb of plan " + plan
                        + ") is 1024"));
        as("alice").get("/api/v1/tenants/{t}/apps/{a}", tenant, web).then().statusCode(200)
                .body("replicas", equalTo(2)).body("memoryMb", equalTo(256));

        // an override lifts one limit for this tenant only
        assign(tenant, plan, Map.of("maxInstances", 4));
        scale(tenant, web, Map.of("replicas", 3, "cpus", 1.0)).statusCode(200)
                .body("replicas", equalTo(3)).body("cpus", equalTo(1.0f));
        as("alice").get("/api/v1/tenants/{t}/quota", tenant).then().statusCode(200)
                .body("usage.apps", equalTo(2)).body("usage.desiredInstances", equalTo(4))
                .body("usage.desiredMemoryMb", equalTo(1024));

        List<String> limits = TestDb.rows("select payload::json->>'limit' from tenant.outbox where tenant = ? "
                + "and type = 'io.cloudunit.quota.exceeded' order by seq", tenant).stream()
                .map(row -> (String) row[0]).toList();
        assertEquals(List.of("maxInstances", "maxApps", "maxInstances", "totalMemoryMb"), limits);
        assertEquals(2, TestDb.count("select count(*) from tenant.outbox where tenant = ? "
                + "and type = 'io.cloudunit.app.created'", tenant));
        var scaled = TestDb.rows("select payload::json->'spec'->>'replicas', payload::json->>'app' from tenant.outbox "
                + "where tenant = ? and type = 'io.cloudunit.app.scaled'", tenant);
        assertEquals(1, scaled.size());
        assertEquals("3", scaled.get(0)[0]);
        assertEquals(web, scaled.get(0)[1]);
        assertEquals(1, TestDb.count("select count(*) from tenant.apps where tenant = ? and name = ?", tenant, worker));
    }

    @Test
    void aPlanLoweredBelowWhatATenantUsesKeepsItsAppsButRefusesMore() {
        String tenant = Fixtures.tenantOf("alice");
        String web = createApp(tenant, 2, 256).statusCode(201).extract().path("name");
        createApp(tenant, 1, 256).statusCode(201);
        long since = System.currentTimeMillis();
        String plan = plan();
        as("admin").contentType(ContentType.JSON).body(SMALL).put("/api/v1/plans/{p}", plan).then().statusCode(201);
        assign(tenant, plan, Map.of("maxApps", 1, "maxInstances", 1));

        as("alice").get("/api/v1/tenants/{t}/apps", tenant).then().statusCode(200).body("size()", equalTo(2));
        createApp(tenant, 0, 64).statusCode(409).body("detail", containsString("maxApps"));
        // still above the limit, but asking for less than before: admitted
        scale(tenant, web, Map.of("replicas", 1)).statusCode(200).body("replicas", equalTo(1));
        scale(tenant, web, Map.of("replicas", 2)).statusCode(409).body("detail", containsString("maxInstances"));

        // the plan's limits change: every tenant on it hears its new effective limits
        Map<String, Integer> bigger = new HashMap<>(SMALL);
        bigger.put("totalMemoryMb", 2048);
        as("admin").contentType(ContentType.JSON).body(bigger).put("/api/v1/plans/{p}", plan).then().statusCode(200);
        var changes = OutboxEvents.onTopic(tenant, "quota.changed", since, 2);
        assertEquals(2, changes.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> limits = (Map<String, Object>) changes.get(1).payload().get("limits");
        assertEquals(2048, limits.get("totalMemoryMb"));
        assertEquals(1, limits.get("maxApps"));
    }

    @Test
    void theConfigVarLimitFollowsTheTenantsQuota() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        assign(tenant, null, Map.of("maxConfigVars", 1));
        as("alice").contentType(ContentType.JSON).body(Map.of("vars", Map.of("ALPHA", "1", "BETA", "2")))
                .patch("/api/v1/tenants/{t}/apps/{a}/config", tenant, app)
                .then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("(maxConfigVars of plan default, overridden for this tenant) is 1"));
        assertEquals(0, TestDb.count("select count(*) from tenant.config_vars where tenant = ?", tenant));
    }

    @Test
    void runningUsageFollowsInstanceEvents() throws Exception {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.name("a");
        as("alice").contentType(ContentType.JSON).body(Map.of("name", app, "stack", "java", "memoryMb", 128,
                "replicas", 3)).post("/api/v1/tenants/{t}/apps", tenant).then().statusCode(201);
        String deployer = "/services/deployer-service";
        List<CloudEvent> events = List.of(
                CloudEvent.wrap(new InstanceEvent.Started(tenant, app, "i1", 1, "172.18.0.2:8080", true), deployer),
                CloudEvent.wrap(new InstanceEvent.Started(tenant, app, "i2", 1, "172.18.0.3:8080", true), deployer),
                CloudEvent.wrap(new InstanceEvent.Started(tenant, app, "i3", 1, "172.18.0.4:8080", true), deployer),
                CloudEvent.wrap(new InstanceEvent.Crashed(tenant, app, "i1", 1, 137), deployer),
                CloudEvent.wrap(new InstanceEvent.Stopped(tenant, app, "i2", 1), deployer));
        TestKafka.send(events.stream().map(event -> KafkaCloudEvents.toRecord("test.cloudunit.instances", event))
                .toList());
        var last = events.get(events.size() - 1).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> TestDb.count(
                "select count(*) from tenant.inbox where consumer = ? and event_id = ?",
                InstanceEventConsumer.CONSUMER, last) == 1);
        as("alice").get("/api/v1/tenants/{t}/quota", tenant).then().statusCode(200)
                .body("usage.instances", equalTo(1)).body("usage.memoryMb", equalTo(128))
                .body("usage.desiredInstances", equalTo(3)).body("usage.desiredMemoryMb", equalTo(384));
    }

    private static String plan() {
        String plan = Fixtures.name("p");
        PLANS.add(plan);
        return plan;
    }

    private static void assign(String tenant, String plan, Map<String, Integer> overrides) {
        Map<String, Object> body = new HashMap<>();
        body.put("plan", plan);
        body.put("overrides", overrides);
        as("admin").contentType(ContentType.JSON).body(body).put("/api/v1/tenants/{t}/quota", tenant)
                .then().statusCode(200);
    }

    private static ValidatableResponse createApp(String tenant, int replicas, int memoryMb) {
        return as("alice").contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.name("a"), "stack", "java", "replicas", replicas, "memoryMb", memoryMb))
                .post("/api/v1/tenants/{t}/apps", tenant).then();
    }

    private static ValidatableResponse scale(String tenant, String app, Map<String, Object> body) {
        return as("alice").contentType(ContentType.JSON).body(body)
                .patch("/api/v1/tenants/{t}/apps/{a}", tenant, app).then();
    }

    private static long quotaChanges(String tenant) {
        return TestDb.count("select count(*) from tenant.outbox where tenant = ? and type = 'io.cloudunit.quota.changed'",
                tenant);
    }

    private static void expectPlanProblem(String plan, Map<String, Integer> body, int status, String detail) {
        as("admin").contentType(ContentType.JSON).body(body).put("/api/v1/plans/{p}", plan)
                .then().statusCode(status).contentType(PROBLEM).body("detail", containsString(detail));
    }

    private static void expectQuotaProblem(String tenant, String body, int status, String detail) {
        as("admin").contentType(ContentType.JSON).body(body).put("/api/v1/tenants/{t}/quota", tenant)
                .then().statusCode(status).contentType(PROBLEM).body("detail", containsString(detail));
    }
}
