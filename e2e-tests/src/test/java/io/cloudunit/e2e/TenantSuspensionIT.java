package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A platform admin suspends a tenant whose app is served (ADR 14): the router stops serving it, its container
 * disappears from the engine, an upload and a new app are refused with the reason; once the admin reinstates the
 * tenant, the app is served again, by a container the deployer brought back by itself.
 */
class TenantSuspensionIT {
    static final String TENANT = Platform.uniqueTenant("susp");
    static final String APP = "hello";
    static final String REASON = "unpaid invoice 2026-11";
    static Api alice;
    static Api admin;

    @BeforeAll
    static void signIn() {
        alice = Api.as("alice");
        admin = Api.as("admin");
    }

    @AfterAll
    static void removeWhatTheTestDeployed() {
        admin.delete(suspension());
        Cleanup.deleteAppAndEverythingOf(alice, TENANT, APP);
    }

    @Test
    void aSuspendedTenantsAppStopsAndComesBackWhenItIsReinstated(@TempDir Path dir) throws Exception {
        String greeting = "Hello from suspended " + TENANT;
        Path jar = TestJars.helloServer(dir, greeting);
        assertEquals(201, alice.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        Answer app = alice.postJson("/tenants/" + TENANT + "/apps", "{\"name\":\"" + APP + "\",\"stack\":\"java\"}");
        assertEquals(201, app.status(), app.toString());
        Answer upload = alice.postFile(builds(), jar, "application/java-archive");
        assertEquals(202, upload.status(), upload.toString());
        JsonNode build = awaitBuildDone(upload.json().path("id").asText());
        assertEquals("succeeded", build.path("status").asText(), build.toString());
        awaitServed(greeting);

        Answer suspended = admin.putJson(suspension(), "{\"reason\":\"" + REASON + "\"}");
        assertEquals(200, suspended.status(), suspended.toString());
        assertEquals(REASON, suspended.json().path("suspension").path("reason").asText());

        Answer page = await("the router answers the suspended page").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Router.get(APP, TENANT, "/"), answer -> answer.status() == 503);
        assertTrue(page.body().contains("is suspended"), page.toString());
        await("no container of the tenant runs").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> running().isEmpty());

        // build-service learns of the suspension from the same event, on its own consumer: wait for it.
        Answer refusedUpload = await("build-service refuses uploads").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> alice.postFile(builds(), jar, "application/java-archive"), a -> a.status() != 202);
        assertSuspendedProblem(refusedUpload);
        assertSuspendedProblem(alice.postJson("/tenants/" + TENANT + "/apps", "{\"name\":\"other\",\"stack\":\"java\"}"));
        assertEquals(REASON, alice.get("/tenants/" + TENANT).json().path("suspension").path("reason").asText());
        assertEquals(200, alice.get("/tenants/" + TENANT + "/apps/" + APP + "/releases").status(), "reads work");

        Answer reinstated = admin.delete(suspension());
        assertEquals(200, reinstated.status(), reinstated.toString());
        assertTrue(reinstated.json().path("suspension").isMissingNode(), reinstated.toString());

        awaitServed(greeting);
        assertEquals(List.of("cu-" + TENANT + "-" + APP + "-v1-1"),
                DockerEngine.instancesOf(TENANT, "status=running").stream()
                        .map(id -> DockerEngine.inspect(id).path("Name").asText().substring(1)).toList());
        assertEquals(202, alice.postFile(builds(), jar, "application/java-archive").status(), "uploads accepted again");
    }

    private static void assertSuspendedProblem(Answer answer) {
        assertEquals(409, answer.status(), answer.toString());
        assertTrue(answer.isProblem(), answer.toString());
        assertEquals("tenant '" + TENANT + "' is suspended (reason: " + REASON + "): its apps are stopped and "
                + "nothing new is accepted until it is reinstated; contact a platform administrator",
                answer.json().path("detail").asText());
    }

    private static JsonNode awaitBuildDone(String buildId) {
        return await("build " + buildId + " finishes").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> alice.get(builds() + "/" + buildId).json(),
                        b -> List.of("succeeded", "failed", "canceled").contains(b.path("status").asText()));
    }

    private static void awaitServed(String greeting) {
        Answer served = await("the router serves the app").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Router.get(APP, TENANT, "/"), answer -> answer.status() == 200);
        assertTrue(served.body().startsWith(greeting), served.toString());
    }

    /** {@code docker ps --filter label=io.cloudunit.tenant=<t>}: the tenant's running containers, sandboxes too. */
    private static List<String> running() {
        return DockerEngine.docker("ps", "-q", "--filter", "label=io.cloudunit.tenant=" + TENANT).lines()
                .filter(line -> !line.isBlank()).toList();
    }

    private static String builds() {
        return "/tenants/" + TENANT + "/apps/" + APP + "/builds";
    }

    private static String suspension() {
        return "/tenants/" + TENANT + "/suspension";
    }
}
