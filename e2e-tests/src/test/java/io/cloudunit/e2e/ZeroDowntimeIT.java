package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Zero failed requests through the router while an app is redeployed under a steady load (issue 5, ADR 0026):
 * with two replicas and with one, a config change (new release), a new build (new release) and a restart action
 * each run while about 30 requests a second go through the router. Every answer must be a 200, none may fail to
 * connect, and the answers must switch to the new release. The figures are printed.
 */
class ZeroDowntimeIT {
    static final String TENANT = Platform.uniqueTenant("zd");
    static final int CLIENTS = 3;
    static final Duration PERIOD = Duration.ofMillis(100);
    static Api alice;

    @BeforeAll
    static void signIn() {
        alice = Api.as("alice");
        assertEquals(201, alice.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
    }

    @AfterAll
    static void removeWhatTheTestDeployed() {
        for (String app : List.of("duo", "solo")) {
            alice.delete(apps() + "/" + app);
        }
        await("the deployer removes the test's containers").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250)).until(() -> DockerEngine.containersOf(TENANT).isEmpty());
        DockerEngine.removeEverythingOf(TENANT);
        alice.delete("/tenants/" + TENANT);
    }

    @Test
    void twoReplicasServeEveryRequestThroughAConfigChangeABuildAndARestart(@TempDir Path dir) throws Exception {
        redeployUnderLoad("duo", 2, dir);
    }

    @Test
    void oneReplicaServesEveryRequestThroughAConfigChangeABuildAndARestart(@TempDir Path dir) throws Exception {
        redeployUnderLoad("solo", 1, dir);
    }

    private void redeployUnderLoad(String app, int replicas, Path dir) throws Exception {
        Answer created = alice.postJson(apps(), "{\"name\":\"" + app + "\",\"stack\":\"java\",\"memoryMb\":192,"
                + "\"replicas\":" + replicas + "}");
        assertEquals(201, created.status(), created.toString());
        assertEquals(200, alice.putJson(apps() + "/" + app + "/config", "{\"vars\":{\"GREETING\":\"one\"}}")
                .status());
        upload(app, dir, "b1");
        awaitServed(app, "b1 one", Duration.ofMinutes(4));

        SteadyLoad load = SteadyLoad.start(app, TENANT, CLIENTS, PERIOD);
        long t0 = System.nanoTime();
        try {
            assertEquals(200, alice.patchJson(apps() + "/" + app + "/config", "{\"vars\":{\"GREETING\":\"two\"}}")
                    .status());
            awaitSwitched(app, load, "b1 two", replicas);

            upload(app, dir, "b2");
            awaitSwitched(app, load, "b2 two", replicas);

            Answer restart = alice.post(apps() + "/" + app + "/actions/restart", BodyPublishers.noBody(),
                    "application/json");
            assertEquals(202, restart.status(), restart.toString());
            String deployment = restart.json().path("deploymentId").asText();
            await("the restart ends").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                    .until(() -> alice.get(apps() + "/" + app + "/deployments/" + deployment).json()
                            .path("status").asText(), s -> !s.equals("PENDING") && !s.equals("RUNNING"));
            assertEquals("SUCCEEDED", alice.get(apps() + "/" + app + "/deployments/" + deployment).json()
                    .path("status").asText());
            awaitInstances(app, replicas);
            // a few more seconds of load against the restarted instances
            long settled = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> load.samples().stream()
                    .filter(s -> s.startedNanos() > settled).count() >= 60);
        } finally {
            load.stop();
            System.out.printf("%n%s%n%n", SteadyLoad.figures("zero-downtime " + replicas + " replica(s), config "
                    + "change + build + restart", load.samples(), (System.nanoTime() - t0) / 1e9));
        }
        List<SteadyLoad.Sample> samples = load.samples();
        List<SteadyLoad.Sample> failed = samples.stream().filter(s -> s.status() != 200).toList();
        assertTrue(failed.isEmpty(), failed.size() + " failed of " + samples.size() + ": "
                + failed.stream().limit(10).map(SteadyLoad.Sample::toString).collect(Collectors.joining("\n")));
        assertTrue(samples.stream().anyMatch(s -> s.body().startsWith("b1 one")), "answers before the switch");
        assertTrue(samples.stream().anyMatch(s -> s.body().startsWith("b1 two")), "answers after the config change");
        assertTrue(samples.stream().anyMatch(s -> s.body().startsWith("b2 two")), "answers after the new build");
    }

    /** The load's answers come from the new release, and the previous release's containers are gone. */
    private static void awaitSwitched(String app, SteadyLoad load, String body, int replicas) {
        await("the load gets '" + body + "'").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(100))
                .until(() -> load.lastBody() != null && load.lastBody().startsWith(body));
        awaitInstances(app, replicas);
    }

    private static void awaitInstances(String app, int replicas) {
        await(replicas + " container(s) of " + app + " once the old ones are retired").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> containersOf(app).size() == replicas);
    }

    private static List<String> containersOf(String app) {
        return DockerEngine.docker("ps", "-a", "-q", "--filter", "label=io.cloudunit.tenant=" + TENANT,
                "--filter", "label=io.cloudunit.app=" + app).lines().map(String::trim).filter(l -> !l.isEmpty())
                .toList();
    }

    private static void upload(String app, Path dir, String name) throws Exception {
        Path where = java.nio.file.Files.createDirectories(dir.resolve(name));
        Answer upload = alice.postFile(apps() + "/" + app + "/builds",
                TestJars.runnableJar(where, "Greeter", TestJars.greeter(name, true)), "application/java-archive");
        assertEquals(202, upload.status(), upload.toString());
    }

    private static void awaitServed(String app, String body, Duration deadline) {
        await("the router serves '" + body + "'").atMost(deadline).pollInterval(Duration.ofMillis(200))
                .until(() -> Router.get(app, TENANT, "/"), answer -> answer.status() == 200
                        && answer.body().startsWith(body));
    }

    private static String apps() {
        return "/tenants/" + TENANT + "/apps";
    }
}
