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
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 5's benchmark, not a test: a ready image deployed through the platform (stack {@code image}: the image is
 * checked, released and rolled out behind a health check) until the router answers 200, against {@code docker run}
 * of the same image by hand plus polling its published port until it answers 200, side by side in one run (rounds
 * rotate which side goes first). Both sides run the image with the same memory and CPU limits. Each platform
 * round prints its phases. A third side, for information, runs the image by hand with the isolation the platform
 * gives every instance (a bridge network of its own, the same hardening flags): the goal is the ratio to the plain
 * {@code docker run}, the third side shows how much of the difference is isolation rather than the platform's own
 * work. Run with {@code ./cloudunit bench}.
 */
class DeployBenchmark {
    static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    /**
     * Rounds of every side run first and not counted: the services were started just before, and a JVM that has
     * not run a code path yet interprets and compiles it (the platform's services spent more CPU compiling than
     * working in the first rounds); the platform runs for days.
     */
    static final int WARMUP = Integer.getInteger("bench.warmup", 2);
    static final String TENANT = Platform.uniqueTenant("deploybench");
    static final String RUN = UUID.randomUUID().toString();
    /** Both sides run with the same limits: a JVM's start depends on its CPU share far more than on anything else. */
    static final int MEMORY_MB = 256;
    static final double CPUS = 2;
    static final String ISOLATED_NETWORK = "cu-bench-" + RUN.substring(0, 8);
    /** What the deployer gives every instance besides its limits (DeployerConfig's defaults, ADR 21). */
    static final List<String> HARDENING = List.of("--memory-swap", MEMORY_MB + "m", "--pids-limit", "256",
            "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--restart", "on-failure:5",
            "--log-opt", "max-size=10m", "--log-opt", "max-file=3", "--user", "10001:10001");

    @AfterAll
    static void removeWhatTheBenchmarkCreated() {
        Api.as("alice").delete("/tenants/" + TENANT);
        Benchmarks.removeContainersLabelled("io.cloudunit.bench=" + RUN);
        DockerEngine.docker("network", "rm", ISOLATED_NETWORK);
    }

    @Test
    void readyImageUntilTheRouterAnswersAgainstDockerRunByHand(@TempDir Path dir) throws Exception {
        Api alice = Api.as("alice");
        assertEquals(201, alice.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        String image = helloImage(alice, dir);
        DockerEngine.docker("network", "create", "--label", "io.cloudunit.bench=" + RUN, ISOLATED_NETWORK);
        List<Long> platform = new ArrayList<>();
        List<Long> byHand = new ArrayList<>();
        List<Long> isolated = new ArrayList<>();
        System.out.printf("%d warm-up rounds of each side (not counted), then %d rounds%n", WARMUP, ROUNDS);
        for (int round = 1; round <= WARMUP + ROUNDS; round++) {
            boolean counted = round > WARMUP;
            List<Runnable> sides = new ArrayList<>(List.of(
                    recordInto(platform, counted, round, r -> throughThePlatform(image, r)),
                    recordInto(byHand, counted, round, r -> byHand(image, r, List.of())),
                    recordInto(isolated, counted, round, r -> byHand(image, r, isolation()))));
            Collections.rotate(sides, round);
            sides.forEach(Runnable::run);
        }
        Benchmarks.printRatio("ready image → router answers 200, through the platform", platform,
                "docker run + polling the published port by hand", byHand, 1.25);
        System.out.printf("for information, docker run by hand with the platform's isolation (own bridge network, "
                + "same hardening): %s ms, median %.0f ms; the platform takes %.2f times that%n%n",
                Benchmarks.ms(isolated), Benchmarks.medianMs(isolated),
                Benchmarks.medianMs(platform) / Benchmarks.medianMs(isolated));
    }

    private static Runnable recordInto(List<Long> figures, boolean counted, int round, IntFunction<Long> side) {
        return () -> {
            long nanos = side.apply(round);
            if (counted) {
                figures.add(nanos);
            }
        };
    }

    private static List<String> isolation() {
        List<String> flags = new ArrayList<>(List.of("--network", ISOLATED_NETWORK));
        flags.addAll(HARDENING);
        return flags;
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
        long posted = System.currentTimeMillis();
        Answer upload = alice.postJson("/tenants/" + TENANT + "/apps/" + app + "/builds",
                "{\"image\":\"" + image + "\"}");
        assertEquals(202, upload.status(), upload.toString());
        await("round " + round + " is served").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> Router.get(app, TENANT, "/").status() == 200);
        long elapsed = System.nanoTime() - start;
        long served = System.currentTimeMillis();
        printPhases(alice, app, upload.json().path("id").asText(), round, elapsed, posted, served);
        alice.delete("/tenants/" + TENANT + "/apps/" + app);
        return elapsed;
    }

    /** Where the time went, from the timestamps the platform records (same clock as this machine's). */
    private static void printPhases(Api alice, String app, String buildId, int round, long elapsed, long posted,
            long served) {
        String appPath = "/tenants/" + TENANT + "/apps/" + app;
        JsonNode build = alice.get(appPath + "/builds/" + buildId).json();
        JsonNode release = alice.get(appPath + "/releases").json().get(0);
        JsonNode deployment = alice.get(appPath + "/deployments/" + release.path("deploymentId").asText()).json();
        System.out.printf("round %d through the platform: %d ms = request %d, queued %d, image %d, to release %d, "
                + "to rollout %d, instance start and health %d, to the router %d ms%n", round, elapsed / 1_000_000,
                Instant.parse(build.path("createdAt").asText()).toEpochMilli() - posted,
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

    private static long byHand(String image, int round, List<String> isolation) {
        List<String> run = new ArrayList<>(List.of("run", "-d", "--label", "io.cloudunit.bench=" + RUN, "--memory",
                MEMORY_MB + "m", "--cpus", String.valueOf(CPUS), "-p", "127.0.0.1::8080"));
        run.addAll(isolation);
        run.add(image);
        long start = System.nanoTime();
        String container = DockerEngine.docker(run.toArray(String[]::new)).trim();
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
