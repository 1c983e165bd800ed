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
 * Releases through the gateway, as a user tries them (ADR 0022): config vars reach the app through the router, a
 * config change is release v2, a rollback to v1 is v3 with v1's config, an earlier build is deployed again by id,
 * another tenant's build id is 404.
 */
class ReleasesIT {
    static final String TENANT = Platform.uniqueTenant("rel");
    static final String OTHER = Platform.uniqueTenant("relo");
    static final String APP = "greeter";
    static Api alice;
    static Api bob;

    @BeforeAll
    static void signIn() {
        alice = Api.as("alice");
        bob = Api.as("bob");
    }

    @AfterAll
    static void removeWhatTheTestDeployed() {
        Cleanup.deleteAppAndEverythingOf(alice, TENANT, APP);
        alice.delete("/tenants/" + TENANT);
        bob.delete("/tenants/" + OTHER);
    }

    @Test
    void configChangesRollBackAndChosenBuildsRunWhatTheirReleaseSays(@TempDir Path dir) throws Exception {
        assertEquals(201, alice.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        Answer app = alice.postJson(apps(), "{\"name\":\"" + APP + "\",\"stack\":\"java\",\"memoryMb\":256}");
        assertEquals(201, app.status(), app.toString());
        assertEquals(200, alice.putJson(app() + "/config", "{\"vars\":{\"GREETING\":\"hello\"}}").status());

        String b1 = upload(TestJars.runnableJar(dir, "Greeter", TestJars.greeter("one", false)));
        awaitRelease(1, "current");
        awaitServed("one hello");

        assertEquals(200, alice.patchJson(app() + "/config", "{\"vars\":{\"GREETING\":\"bonjour\"}}").status());
        JsonNode v2 = awaitRelease(2, "current");
        assertEquals("config changed by alice", v2.path("reason").asText(), v2.toString());
        awaitServed("one bonjour");

        Answer rollback = alice.postJson(app() + "/rollback", "{\"version\":1}");
        assertEquals(202, rollback.status(), rollback.toString());
        assertEquals(3, rollback.json().path("version").asInt());
        awaitRelease(3, "current");
        awaitServed("one hello");

        Path second = dir.resolve("second");
        java.nio.file.Files.createDirectories(second);
        upload(TestJars.runnableJar(second, "Greeter", TestJars.greeter("two", false)));
        awaitRelease(4, "current");
        awaitServed("two bonjour");

        Answer deploy = alice.postJson(app() + "/releases", "{\"buildId\":\"" + b1 + "\"}");
        assertEquals(202, deploy.status(), deploy.toString());
        assertEquals("deploy of build b1 by alice", deploy.json().path("reason").asText());
        awaitRelease(5, "current");
        awaitServed("one bonjour");

        // another tenant's build: the same 404 as a build that does not exist
        assertEquals(201, bob.postJson("/tenants", "{\"name\":\"" + OTHER + "\"}").status());
        assertEquals(201, bob.postJson("/tenants/" + OTHER + "/apps", "{\"name\":\"theirs\",\"stack\":\"java\"}").status());
        String foreign = bob.postFile("/tenants/" + OTHER + "/apps/theirs/builds",
                TestJars.runnableJar(second, "Greeter", TestJars.greeter("bob", false)), "application/java-archive")
                .json().path("id").asText();
        Answer refused = alice.postJson(app() + "/releases", "{\"buildId\":\"" + foreign + "\"}");
        assertEquals(404, refused.status(), refused.toString());
        assertTrue(refused.isProblem(), refused.toString());

        JsonNode list = alice.get(app() + "/releases").json();
        assertEquals(List.of(5, 4, 3, 2, 1), versions(list));
        assertEquals("previous", list.get(4).path("status").asText());
    }

    private static String upload(Path jar) {
        Answer upload = alice.postFile(app() + "/builds", jar, "application/java-archive");
        assertEquals(202, upload.status(), upload.toString());
        return upload.json().path("id").asText();
    }

    private static JsonNode awaitRelease(int version, String status) {
        return await("release v" + version + " " + status).atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> release(version), r -> r != null && List.of(status, "failed")
                        .contains(r.path("status").asText()));
    }

    private static JsonNode release(int version) {
        for (JsonNode release : alice.get(app() + "/releases").json()) {
            if (release.path("version").asInt() == version) {
                return release;
            }
        }
        return null;
    }

    private static void awaitServed(String body) {
        await("the router serves '" + body + "'").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> Router.get(APP, TENANT, "/"), answer -> answer.status() == 200
                        && answer.body().equals(body));
    }

    private static List<Integer> versions(JsonNode list) {
        java.util.ArrayList<Integer> versions = new java.util.ArrayList<>();
        list.forEach(release -> versions.add(release.path("version").asInt()));
        return versions;
    }

    private static String apps() {
        return "/tenants/" + TENANT + "/apps";
    }

    private static String app() {
        return apps() + "/" + APP;
    }
}
