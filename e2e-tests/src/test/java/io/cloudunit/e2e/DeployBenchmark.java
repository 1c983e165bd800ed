package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
 * alternate which side goes first). Run with {@code ./cloudunit bench}.
 */
class DeployBenchmark {
    static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    static final String TENANT = Platform.uniqueTenant("deploybench");
    static final String RUN = UUID.randomUUID().toString();

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
                + "\",\"stack\":\"image\",\"memoryMb\":256,\"healthPath\":\"/\"}").status());
        long start = System.nanoTime();
        Answer upload = alice.postJson("/tenants/" + TENANT + "/apps/" + app + "/builds",
                "{\"image\":\"" + image + "\"}");
        assertEquals(202, upload.status(), upload.toString());
        await("round " + round + " is served").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> Router.get(app, TENANT, "/").status() == 200);
        long elapsed = System.nanoTime() - start;
        alice.delete("/tenants/" + TENANT + "/apps/" + app);
        return elapsed;
    }

    private static long byHand(String image, int round) {
        long start = System.nanoTime();
        String container = DockerEngine.docker("run", "-d", "--label", "io.cloudunit.bench=" + RUN, "--memory",
                "256m", "-p", "127.0.0.1::8080", image).trim();
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
