package io.cloudunit.tenant;

import static io.cloudunit.tenant.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.cloudunit.platform.events.Sequences;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class AppResourceTest {
    private static final String PROBLEM = "application/problem+json";

    @AfterAll
    static void cleanUp() {
        Fixtures.cleanUp();
    }

    @Test
    void anAppGetsTheDefaultsAndAUrl() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.name("a");
        String url = "http://" + app + "-" + tenant + ".apps.localhost:8081/";

        as("alice").contentType(ContentType.JSON)
                .body("{\"name\": \"" + app + "\", \"stack\": \"java\", \"unknownField\": {\"x\": 1}}")
                .post("/api/v1/tenants/{t}/apps", tenant)
                .then().statusCode(201)
                .header("Location", "/api/v1/tenants/" + tenant + "/apps/" + app)
                .body("name", equalTo(app))
                .body("stack", equalTo("java"))
                .body("memoryMb", equalTo(512))
                .body("cpus", equalTo(0.5f))
                .body("replicas", equalTo(1))
                .body("healthPath", nullValue())
                .body("createdAt", notNullValue())
                .body("url", equalTo(url));

        as("alice").get("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(200)
                .body("stack", equalTo("java"))
                .body("url", equalTo(url));
        as("alice").get("/api/v1/tenants/{t}/apps", tenant).then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].name", equalTo(app));
    }

    @Test
    void anAppSaysHowFarTheTenantsEventsGoSoThatWhatOthersDoNextFollowsThem() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);

        // tenant.created, member.added, app.created: numbered 1, 2, 3 for this tenant
        as("alice").get("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(200)
                .header(Sequences.HTTP_HEADER, "/services/tenant-service=3");
        assertEquals(3, TestDb.count("select max(sequence) from tenant.outbox where tenant = ?", tenant));
    }

    @Test
    void everyFieldOfTheSpecIsKept() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.name("a");
        as("alice").contentType(ContentType.JSON)
                .body(Map.of("name", app, "stack", "tomcat", "memoryMb", 1024, "cpus", 1.5, "replicas", 0,
                        "healthPath", "/health"))
                .post("/api/v1/tenants/{t}/apps", tenant)
                .then().statusCode(201);
        as("alice").get("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(200)
                .body("stack", equalTo("tomcat"))
                .body("memoryMb", equalTo(1024))
                .body("cpus", equalTo(1.5f))
                .body("replicas", equalTo(0))
                .body("healthPath", equalTo("/health"));
    }

    @Test
    void badInputIsRefusedWithADetailAndCreatesNothing() {
        String tenant = Fixtures.tenantOf("alice");
        String name = Fixtures.name("a");
        expectProblem(tenant, "{\"name\": \"" + name + "\", \"stack\": \"cobol\"}", 422,
                "stack 'cobol' is not supported: use one of java, tomcat, static, dockerfile, image");
        expectProblem(tenant, "{\"name\": \"" + name + "\"}", 422, "stack is required");
        expectProblem(tenant, "{\"name\": \"" + name + "\", \"stack\": \"java\", \"replicas\": 50}", 422,
                "replicas 50 is out of range: use 0 to 10");
        expectProblem(tenant, "{\"name\": \"" + name + "\", \"stack\": \"java\", \"memoryMb\": 10}", 422,
                "memoryMb 10 is out of range: use 64 to 8192");
        expectProblem(tenant, "{\"name\": \"" + name + "\", \"stack\": \"java\", \"cpus\": 8}", 422,
                "cpus 8.0 is out of range");
        expectProblem(tenant, "{\"name\": \"" + name + "\", \"stack\": \"java\", \"healthPath\": \"health\"}", 422,
                "healthPath must start with '/'");
        expectProblem(tenant, "{\"name\": \"" + name + "\", \"stack\": \"java\", \"healthPath\": \"/"
                + "x".repeat(200) + "\"}", 422, "at most 200 characters");
        expectProblem(tenant, "{\"name\": \"Hello_World\", \"stack\": \"java\"}", 422,
                "app name 'Hello_World' is not valid");
        expectProblem(tenant, "{\"name\": \"Hello_World\", \"stack\": \"php\", \"replicas\": -1}", 422,
                "; stack 'php' is not supported: use one of java, tomcat, static, dockerfile, image; replicas -1");
        expectProblem(tenant, "{\"name\": \"" + name + "\", \"stack\": \"java\"", 400, "malformed JSON");
        expectProblem(tenant, "{\"name\": \"" + name + "\", \"stack\": \"java\", \"replicas\": \"many\"}", 400,
                "replicas");
        expectProblem(tenant, "", 400, "body is required");

        as("alice").get("/api/v1/tenants/{t}/apps", tenant).then().statusCode(200).body("size()", equalTo(0));
        assertEquals(0, TestDb.count("select count(*) from tenant.outbox where tenant = ? and type like ?", tenant,
                "%.app.%"));
    }

    @Test
    void aDuplicateNameIsA409() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        as("alice").contentType(ContentType.JSON).body(Map.of("name", app, "stack", "static"))
                .post("/api/v1/tenants/{t}/apps", tenant)
                .then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("app '" + app + "' already exists in tenant '" + tenant + "'"));
        as("alice").get("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(200)
                .body("stack", equalTo("java"));
    }

    @Test
    void theSameAppNameMayExistInTwoTenants() {
        String first = Fixtures.tenantOf("alice");
        String second = Fixtures.tenantOf("bob");
        String app = Fixtures.appOf("alice", first);
        as("bob").contentType(ContentType.JSON).body(Map.of("name", app, "stack", "java"))
                .post("/api/v1/tenants/{t}/apps", second).then().statusCode(201);
    }

    @Test
    void anUnknownAppIsA404Problem() {
        String tenant = Fixtures.tenantOf("alice");
        as("alice").get("/api/v1/tenants/{t}/apps/{a}", tenant, "nope").then().statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("app 'nope' not found"));
        as("alice").delete("/api/v1/tenants/{t}/apps/{a}", tenant, "nope").then().statusCode(404);
    }

    @Test
    void deletingAnAppAnswers204AndEmitsAppDeleted() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        as("alice").delete("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(204);
        as("alice").get("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(404);
        assertEquals(1, TestDb.count("select count(*) from tenant.outbox where subject = ? and type = ?",
                tenant + "/" + app, "io.cloudunit.app.deleted"));
    }

    @Test
    void aViewerMayLookButNotChange() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        TestDb.update("insert into tenant.members (tenant, user_id, username, role, added_at) "
                + "values (?, ?, 'bob', 'viewer', now())", tenant, Tokens.subjectOf("bob"));

        as("bob").get("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(200);
        as("bob").get("/api/v1/tenants/{t}", tenant).then().statusCode(200).body("role", equalTo("viewer"));
        as("bob").get("/api/v1/me").then().statusCode(200)
                .body("tenants.find { it.tenant == '" + tenant + "' }.role", equalTo("viewer"));
        as("bob").contentType(ContentType.JSON).body(Map.of("name", Fixtures.name("a"), "stack", "java"))
                .post("/api/v1/tenants/{t}/apps", tenant)
                .then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("your role in tenant '" + tenant + "' is viewer; this needs developer"));
        as("bob").delete("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(403).contentType(PROBLEM);
        as("alice").get("/api/v1/tenants/{t}/apps", tenant).then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void aDeveloperMayCreateAndDeleteApps() {
        String tenant = Fixtures.tenantOf("alice");
        TestDb.update("insert into tenant.members (tenant, user_id, username, role, added_at) "
                + "values (?, ?, 'bob', 'developer', now())", tenant, Tokens.subjectOf("bob"));
        String app = Fixtures.appOf("bob", tenant);
        as("bob").delete("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(204);
    }

    @Test
    void theAppQuotaIsEnforcedAndTheRefusalIsAnEvent() {
        String tenant = Fixtures.tenantOf("alice");
        for (int i = 0; i < 3; i++) {
            Fixtures.appOf("alice", tenant);
        }
        String refused = Fixtures.name("a");
        as("alice").contentType(ContentType.JSON).body(Map.of("name", refused, "stack", "java"))
                .post("/api/v1/tenants/{t}/apps", tenant)
                .then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("its limit (maxApps of plan default) is 3"));

        as("alice").get("/api/v1/tenants/{t}/apps/{a}", tenant, refused).then().statusCode(404);
        as("alice").get("/api/v1/tenants/{t}/quota", tenant).then().statusCode(200)
                .body("plan", equalTo("default"))
                .body("limits.maxApps", equalTo(3))
                .body("limits.maxInstances", equalTo(20))
                .body("limits.totalMemoryMb", equalTo(4096))
                .body("limits.maxConfigVars", equalTo(100))
                .body("usage.apps", equalTo(3))
                .body("usage.instances", equalTo(0))
                .body("usage.memoryMb", equalTo(0));
        var exceeded = TestDb.rows("select payload from tenant.outbox where tenant = ? and type = ?", tenant,
                "io.cloudunit.quota.exceeded");
        assertEquals(1, exceeded.size());
        assertEquals(true, ((String) exceeded.get(0)[0]).contains("\"limit\":\"maxApps\""));
        assertEquals(3, TestDb.count("select count(*) from tenant.outbox where tenant = ? and type = ?", tenant,
                "io.cloudunit.app.created"));
    }

    private static void expectProblem(String tenant, String body, int status, String detail) {
        as("alice").contentType(ContentType.JSON).body(body)
                .post("/api/v1/tenants/{t}/apps", tenant)
                .then().statusCode(status).contentType(PROBLEM)
                .body("status", equalTo(status))
                .body("detail", containsString(detail));
    }
}
