package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 5's benchmark, not a test: a ready image deployed through the platform (stack {@code image}: the image is
 * checked, released and rolled out behind a health check) until the router answers 200, against {@code docker run}
 * of the same image by hand plus polling its published port until it answers 200, side by side in one run (rounds
 * alternate which side goes first). Both sides run the image with the same memory and CPU limits. Each platform
 * round prints its phases. Run with {@code ./cloudunit bench}.
 */
class DeployBenchmark {
    static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    static final String TENANT = Platform.uniqueTenant("deploybench");
    static final String RUN = UUID.randomUUID().toString();
    /** Both sides run with the same limits: a JVM's start depends on its CPU share far more than on anything else. */
    static final int MEMORY_MB = 256;
    static final double CPUS = 2;

    @AfterAll
    static void removeWhatTheBenchmarkCreated() {
        Api.as("alice").delete("/tenants/" + TENANT);
        Benchmarks.removeContainersLabelled("io.cloudunit.bench=" + RUN);
    }

    @Test
    void readyImageUntilTheRouterAnswersAgainstDockerRunByHand(@TempDir Path dir) throws Exception {
        Api alice = Api.as("alice");
        assertEquals(201, alice.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        String image = helloImage(alice, dir);
        List<Long> platform = new ArrayList<>();
        List<Long> byHand = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            if (round % 2 == 0) {
                byHand.add(byHand(image, round));
                platform.add(throughThePlatform(image, round));
            } else {
                platform.add(throughThePlatform(image, round));
                byHand.add(byHand(image, round));
            }
        }
        Benchmarks.printRatio("ready image → router answers 200, through the platform", platform,
                "docker run + polling the published port by hand", byHand, 1.25);
    }

    /** The hello server's image, built once through the platform, that every round then deploys. */
    private static String helloImage(Api alice, Path dir) throws Exception {
        assertEquals(201, alice.postJson("/tenants/" + TENANT + "/apps",
                "{\"name\":\"source\",\"stack\":\"java\",\"memoryMb\":256}").status());
        Answer upload = alice.postFile("/tenants/" + TENANT + "/apps/source/builds",
                TestJars.helloServer(dir, "hello"), "application/java-archive");
        assertEquals(202, upload.status(), upload.toString());
        JsonNode build = awaitBuild(alice, "source", upload.json().path("id").asText());
        assertEquals("succeeded", build.path("status").asText(), build.toString());
        return build.path("image").asText();
    }

    private static long throughThePlatform(String image, int round) {
        Api alice = Api.as("alice");
        String app = "round" + round;
        assertEquals(201, alice.postJson("/tenants/" + TENANT + "/apps", "{\"name\":\"" + app
                + "\",\"stack\":\"image\",\"memoryMb\":" + MEMORY_MB + ",\"cpus\":" + CPUS
                + ",\"healthPath\":\"/\"}").status());
        long start = System.nanoTime();
        Answer upload = alice.postJson("/tenants/" + TENANT + "/apps/" + app + "/builds",
                "{\"image\":\"" + image + "\"}");
        assertEquals(202, upload.status(), upload.toString());
        await("round " + round + " is served").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> Router.get(app, TENANT, "/").status() == 200);
        long elapsed = System.nanoTime() - start;
        long served = System.currentTimeMillis();
        printPhases(alice, app, upload.json().path("id").asText(), round, elapsed, served);
        alice.delete("/tenants/" + TENANT + "/apps/" + app);
        return elapsed;
    }

    /** Where the time went, from the timestamps the platform records (same clock as this machine's). */
    private static void printPhases(Api alice, String app, String buildId, int round, long elapsed, long served) {
        String appPath = "/tenants/" + TENANT + "/apps/" + app;
        JsonNode build = alice.get(appPath + "/builds/" + buildId).json();
        JsonNode release = alice.get(appPath + "/releases").json().get(0);
        JsonNode deployment = alice.get(appPath + "/deployments/" + release.path("deploymentId").asText()).json();
        System.out.printf("round %d through the platform: %d ms = queued %d, image %d, to release %d, to rollout %d, "
                + "instance start and health %d, to the router %d ms%n", round, elapsed / 1_000_000,
                between(build.path("createdAt"), build.path("startedAt")),
                between(build.path("startedAt"), build.path("finishedAt")),
                between(build.path("finishedAt"), release.path("createdAt")),
                between(release.path("createdAt"), deployment.path("startedAt")),
                between(deployment.path("startedAt"), deployment.path("finishedAt")),
                served - Instant.parse(deployment.path("finishedAt").asText()).toEpochMilli());
    }

    private static long between(JsonNode from, JsonNode to) {
        return Duration.between(Instant.parse(from.asText()), Instant.parse(to.asText())).toMillis();
    }

    private static long byHand(String image, int round) {
        long start = System.nanoTime();
        String container = DockerEngine.docker("run", "-d", "--label", "io.cloudunit.bench=" + RUN, "--memory",
                MEMORY_MB + "m", "--cpus", String.valueOf(CPUS), "-p", "127.0.0.1::8080", image).trim();
        String port = DockerEngine.docker("port", container, "8080/tcp").trim().lines().findFirst().orElseThrow();
        URI uri = URI.create("http://" + port + "/");
        await("round " + round + " answers by hand").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> answers(uri));
        long elapsed = System.nanoTime() - start;
        DockerEngine.docker("rm", "-f", container);
        return elapsed;
    }

    private static boolean answers(URI uri) {
        try {
            HttpResponse<Void> response = Api.HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    private static JsonNode awaitBuild(Api alice, String app, String id) {
        String path = "/tenants/" + TENANT + "/apps/" + app + "/builds/" + id;
        return await("build " + id).atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> alice.get(path).json(), b -> !List.of("queued", "running")
                        .contains(b.path("status").asText()));
    }
}
