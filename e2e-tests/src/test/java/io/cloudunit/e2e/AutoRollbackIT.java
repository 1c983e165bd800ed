package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Automatic rollback through the gateway, as a user tries it (ADR 0027): the app asks for it by PATCH, a build that
 * cannot start fails, the platform releases the served build again, and the router answers the old content all along.
 */
class AutoRollbackIT {
    static final String TENANT = Platform.uniqueTenant("arb");
    static final String APP = "steady";
    static Api alice;

    @BeforeAll
    static void signIn() {
        alice = Api.as("alice");
    }

    @AfterAll
    static void removeWhatTheTestDeployed() {
        Cleanup.deleteAppAndEverythingOf(alice, TENANT, APP);
        alice.delete("/tenants/" + TENANT);
    }

    @Test
    void aBrokenBuildOfAnAppThatAsksIsRolledBackAndTheRouterKeepsServingTheOldContent(@TempDir Path dir)
            throws Exception {
        assertEquals(201, alice.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        Answer created = alice.postJson(apps(), "{\"name\":\"" + APP + "\",\"stack\":\"java\",\"memoryMb\":256}");
        assertEquals(201, created.status(), created.toString());
        assertEquals(false, created.json().path("autoRollback").asBoolean(true), created.toString());
        Answer refused = alice.patchJson(app(), "{\"autoRollback\":\"sure\"}");
        assertEquals(422, refused.status(), refused.toString());
        assertTrue(refused.isProblem(), refused.toString());
        Answer patched = alice.patchJson(app(), "{\"autoRollback\":true}");
        assertEquals(200, patched.status(), patched.toString());
        assertTrue(patched.json().path("autoRollback").asBoolean(), patched.toString());

        upload(TestJars.helloServer(dir, "steady one"));
        awaitRelease(1, "current");
        awaitServed();

        // from here to the end, the router is asked all the time: every answer must be v1's content
        Sampler sampler = new Sampler();
        sampler.start();
        Path broken = Files.createDirectories(dir.resolve("broken"));
        upload(TestJars.runnableJar(broken, "Bye", """
                public class Bye {
                    public static void main(String[] args) {
                        System.out.println("bye before serving");
                    }
                }
                """));
        JsonNode failed = awaitRelease(2, "failed");
        assertTrue(failed.path("failure").asText().contains("exit code 0"), failed.toString());
        assertTrue(failed.path("failure").asText().contains("bye before serving"), failed.toString());
        assertServed();

        JsonNode back = awaitRelease(3, "current");
        assertEquals("platform", back.path("actor").asText(), back.toString());
        assertEquals(1, back.path("rolledBackFrom").asInt(), back.toString());
        assertTrue(back.path("reason").asText().startsWith("automatic rollback: v2 failed: instance "), back.toString());
        assertEquals(release(1).path("image").asText(), back.path("image").asText());
        assertServed();

        sampler.finish();
        assertTrue(sampler.answers.size() > 20, "the router was asked only " + sampler.answers.size() + " times");
        List<String> others = sampler.answers.stream().filter(a -> !a.startsWith("200 steady one from ")).toList();
        assertEquals(List.of(), others, "of " + sampler.answers.size() + " requests during the failed rollout and "
                + "the rollback, these were not v1's content");
        System.out.printf("AutoRollbackIT: the router answered v1's content to all %d requests during the failed "
                + "rollout and the automatic rollback%n", sampler.answers.size());

        JsonNode list = alice.get(app() + "/releases").json();
        assertEquals(List.of("current", "failed", "previous"), List.of(list.get(0).path("status").asText(),
                list.get(1).path("status").asText(), list.get(2).path("status").asText()), list.toString());
    }

    /** Asks the router every 50 ms on a thread of its own and keeps every answer ("status body"). */
    private static final class Sampler extends Thread {
        final List<String> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean running = true;

        Sampler() {
            super("router-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                try {
                    Answer answer = Router.get(APP, TENANT, "/");
                    answers.add(answer.status() + " " + answer.body());
                } catch (RuntimeException e) {
                    answers.add("error " + e);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void finish() throws InterruptedException {
            running = false;
            join(15_000);
        }
    }

    private static void upload(Path jar) {
        Answer upload = alice.postFile(app() + "/builds", jar, "application/java-archive");
        assertEquals(202, upload.status(), upload.toString());
    }

    private static JsonNode awaitRelease(int version, String status) {
        JsonNode release = await("release v" + version + " " + status).atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> release(version), r -> r != null && List.of("current", "failed", "previous")
                        .contains(r.path("status").asText()));
        assertEquals(status, release.path("status").asText(), release.toString());
        return release;
    }

    private static JsonNode release(int version) {
        for (JsonNode release : alice.get(app() + "/releases").json()) {
            if (release.path("version").asInt() == version) {
                return release;
            }
        }
        return null;
    }

    private static void awaitServed() {
        await("the router serves v1").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> Router.get(APP, TENANT, "/"), answer -> answer.status() == 200
                        && answer.body().startsWith("steady one from "));
    }

    private static void assertServed() {
        Answer answer = Router.get(APP, TENANT, "/");
        assertEquals(200, answer.status(), answer.toString());
        assertTrue(answer.body().startsWith("steady one from "), answer.toString());
    }

    private static String apps() {
        return "/tenants/" + TENANT + "/apps";
    }

    private static String app() {
        return apps() + "/" + APP;
    }
}
