package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * deployer-service killed (SIGKILL) in the middle of a rollout, three times, each at another moment: before any
 * container of the new release exists, while its instances are being health-checked, and while the previous
 * release's instances are being retired. After each restart the app converges (ADR 0026): exactly {@code replicas}
 * containers labelled by the platform, all of the newest release, the instance list agreeing with the engine,
 * the release current with its deployment succeeded, and the router answering with the new config.
 */
class DeployerKillIT {
    static final String TENANT = Platform.uniqueTenant("kill");
    static final String APP = "sturdy";
    static final int REPLICAS = 3;
    static final Api ALICE = Api.as("alice");
    static final Duration CONVERGED = Duration.ofMinutes(4);

    @BeforeAll
    static void tenant() {
        assertEquals(201, ALICE.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
    }

    @AfterAll
    static void removeWhatTheTestDeployed() {
        Cleanup.deleteAppAndEverythingOf(ALICE, TENANT, APP);
        ALICE.delete("/tenants/" + TENANT);
    }

    @Test
    void aDeployerKilledMidRolloutConvergesWithoutDuplicatesOrOrphans(@TempDir Path dir) throws Exception {
        Answer created = ALICE.postJson(apps(), "{\"name\":\"" + APP + "\",\"stack\":\"java\",\"memoryMb\":192,"
                + "\"replicas\":" + REPLICAS + "}");
        assertEquals(201, created.status(), created.toString());
        assertEquals(200, ALICE.putJson(app("/config"), "{\"vars\":{\"GREETING\":\"g1\"}}").status());
        Answer upload = ALICE.postFile(app("/builds"), TestJars.runnableJar(dir, "Slow", SLOW_START),
                "application/java-archive");
        assertEquals(202, upload.status(), upload.toString());
        assertConverged(1, "g1");

        // 1. before launch: the config change was accepted, nothing of v2 runs yet
        changeGreeting("g2");
        assertEquals(List.of(), containers(v -> v == 2), "no v2 container before the kill");
        killAndRestart("before launch");
        assertConverged(2, "g2");

        // 2. during the health wait: v3's containers exist, the app inside does not answer yet
        changeGreeting("g3");
        await("a v3 container exists").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> !containers(v -> v == 3).isEmpty());
        assertFalse(Router.get(APP, TENANT, "/").body().startsWith("g3"), "v3 does not serve yet");
        killAndRestart("during the health wait");
        assertConverged(3, "g3");

        // 3. during retirement: v4 serves, v3's containers are still there (drain delay)
        changeGreeting("g4");
        await("v4 is current").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> "current".equals(release(4).path("status").asText()));
        List<String> retiring = containers(v -> v == 3);
        assertFalse(retiring.isEmpty(), "v3 containers still there when v4 became current");
        killAndRestart("during retirement (" + retiring.size() + " v3 container(s) left)");
        assertConverged(4, "g4");
    }

    private static void changeGreeting(String greeting) {
        Answer changed = ALICE.patchJson(app("/config"), "{\"vars\":{\"GREETING\":\"" + greeting + "\"}}");
        assertEquals(200, changed.status(), changed.toString());
    }

    /**
     * Exactly REPLICAS containers, all of {@code version}, running; the instance list names the same ones; the
     * release is current and its deployment succeeded; the router answers with the release's config.
     */
    private static void assertConverged(int version, String greeting) {
        long t0 = System.nanoTime();
        await("v" + version + " converged").atMost(CONVERGED).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().untilAsserted(() -> {
                    List<String> all = containers(v -> true);
                    List<String> current = containers(v -> v == version);
                    assertEquals(REPLICAS, all.size(), "containers of the app: " + all);
                    assertEquals(all, current, "only v" + version + " containers");
                    Set<String> expected = new TreeSet<>();
                    for (int n = 1; n <= REPLICAS; n++) {
                        expected.add("cu-" + TENANT + "-" + APP + "-v" + version + "-" + n);
                    }
                    assertEquals(expected, new TreeSet<>(all));
                    Set<String> listed = new TreeSet<>();
                    for (JsonNode instance : ALICE.get(app("/instances")).json()) {
                        assertEquals("RUNNING", instance.path("state").asText(), instance.toString());
                        assertEquals(true, instance.path("healthy").asBoolean(), instance.toString());
                        listed.add(instance.path("instance").asText());
                    }
                    assertEquals(expected, listed, "GET …/instances");
                    JsonNode release = release(version);
                    assertEquals("current", release.path("status").asText(), release.toString());
                    JsonNode deployment = ALICE.get(app("/deployments/" + release.path("deploymentId").asText()))
                            .json();
                    assertEquals("SUCCEEDED", deployment.path("status").asText(), deployment.toString());
                    Answer served = Router.get(APP, TENANT, "/");
                    assertEquals(200, served.status(), served.toString());
                    assertEquals(greeting, served.body().replaceAll(" from .*", ""));
                });
        System.out.printf("%nv%d converged %d ms after the wait began (after the restart, if any)%n%n", version,
                (System.nanoTime() - t0) / 1_000_000);
    }

    private static JsonNode release(int version) {
        for (JsonNode release : ALICE.get(app("/releases")).json()) {
            if (release.path("version").asInt() == version) {
                return release;
            }
        }
        return Answer.JSON.createObjectNode();
    }

    /** Names of the app's containers (running or not) whose release label matches, as the engine lists them. */
    private static List<String> containers(IntPredicate release) {
        String out = DockerEngine.docker("ps", "-a", "--filter", "label=io.cloudunit.managed=true",
                "--filter", "label=io.cloudunit.tenant=" + TENANT, "--filter", "label=io.cloudunit.app=" + APP,
                "--format", "{{.Names}} {{.Label \"io.cloudunit.release\"}}");
        List<String> names = new ArrayList<>();
        Arrays.stream(out.split("\n")).map(String::trim).filter(l -> !l.isEmpty()).forEach(line -> {
            String[] parts = line.split(" ");
            if (release.test(Integer.parseInt(parts[1]))) {
                names.add(parts[0]);
            }
        });
        return names.stream().sorted().toList();
    }

    private static void killAndRestart(String moment) throws Exception {
        Services.killHard("deployer-service");
        System.out.printf("%nkilled the deployer %s%n", moment);
        Services.restart("deployer-service");
    }

    private static String apps() {
        return "/tenants/" + TENANT + "/apps";
    }

    private static String app(String path) {
        return apps() + "/" + APP + path;
    }

    /** Takes a few seconds before it listens (a slow JVM start), then answers "$GREETING from $HOSTNAME". */
    static final String SLOW_START = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            import java.nio.charset.StandardCharsets;
            public class Slow {
                public static void main(String[] args) throws Exception {
                    Thread.sleep(3000);
                    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
                    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
                    server.createContext("/", exchange -> {
                        byte[] body = (System.getenv("GREETING") + " from " + System.getenv("HOSTNAME"))
                                .getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                }
            }
            """;
}
