package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
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
 * Issue 4's benchmark, not a test: a JAR uploaded through the gateway until its image is ready, against
 * {@code docker build} of the same Dockerfile and JAR by hand, measured side by side in one run (rounds alternate
 * which side goes first). Each side of each round gets its own JAR of the same size, so that neither finds the
 * other's layers in the engine's cache. Run with {@code ./cloudunit bench}.
 */
class BuildBenchmark {
    static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    static final int JAR_MB = Integer.getInteger("bench.jar-mb", 20);
    static final String TENANT = Platform.uniqueTenant("bench");
    static final String APP = "jar";
    static final String RUN = UUID.randomUUID().toString();

    @AfterAll
    static void removeWhatTheBenchmarkCreated() {
        Api.as("alice").delete("/tenants/" + TENANT);
        Benchmarks.removeImagesLabelled("io.cloudunit.bench=" + RUN);
    }

    @Test
    void jarUploadToImageReadyAgainstDockerBuildByHand(@TempDir Path dir) throws Exception {
        Api alice = Api.as("alice");
        assertEquals(201, alice.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        assertEquals(201, alice.postJson("/tenants/" + TENANT + "/apps",
                "{\"name\":\"" + APP + "\",\"stack\":\"java\"}").status());
        String dockerfile = null;
        List<Long> platform = new ArrayList<>();
        List<Long> byHand = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            Path roundDir = Files.createDirectories(dir.resolve("round-" + round));
            Path platformJar = Benchmarks.paddedHelloJar(roundDir.resolve("platform"), "round " + round, JAR_MB);
            Path handJar = Benchmarks.paddedHelloJar(roundDir.resolve("hand"), "round " + round, JAR_MB);
            if (dockerfile == null) {
                // The first round's platform build tells what Dockerfile the platform writes for this JAR.
                platform.add(throughThePlatform(platformJar, round));
                dockerfile = Benchmarks.dockerfileOf(buildLog(round));
                byHand.add(byHand(dockerfile, handJar, roundDir.resolve("context"), round));
            } else if (round % 2 == 0) {
                byHand.add(byHand(dockerfile, handJar, roundDir.resolve("context"), round));
                platform.add(throughThePlatform(platformJar, round));
            } else {
                platform.add(throughThePlatform(platformJar, round));
                byHand.add(byHand(dockerfile, handJar, roundDir.resolve("context"), round));
            }
            awaitServing(round);
        }
        Benchmarks.printRatio("JAR (" + JAR_MB + " MiB) upload → image ready, through the platform",
                platform, "docker build of the same Dockerfile by hand", byHand, 1.3);
    }

    /** Upload start until the platform reports the build succeeded (polled 16 times a second: callers get 20). */
    private static long throughThePlatform(Path jar, int round) {
        Api alice = Api.as("alice");
        long start = System.nanoTime();
        Answer upload = alice.postFile(buildsPath(), jar, "application/java-archive");
        long uploaded = System.nanoTime();
        assertEquals(202, upload.status(), upload.toString());
        String build = buildsPath() + "/" + upload.json().path("id").asText();
        JsonNode done = await("build of round " + round).atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(60))
                .until(() -> alice.get(build).json(), b -> !List.of("queued", "running")
                        .contains(b.path("status").asText()));
        long elapsed = System.nanoTime() - start;
        assertEquals("succeeded", done.path("status").asText(), done.toString());
        System.out.printf("round %d through the platform: %d ms = upload answered %d ms, queued %d ms, build %d ms, "
                + "seen %d ms after it ended%n", round, elapsed / 1_000_000, (uploaded - start) / 1_000_000,
                between(done, "createdAt", "startedAt"), between(done, "startedAt", "finishedAt"),
                (System.currentTimeMillis() - Instant.parse(done.path("finishedAt").asText()).toEpochMilli()));
        return elapsed;
    }

    private static long between(JsonNode build, String from, String to) {
        return Duration.between(Instant.parse(build.path(from).asText()), Instant.parse(build.path(to).asText()))
                .toMillis();
    }

    private static long byHand(String dockerfile, Path jar, Path context, int round) throws IOException {
        Files.createDirectories(context);
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        Files.copy(jar, context.resolve("app.jar"));
        long start = System.nanoTime();
        DockerEngine.docker("build", "-q", "--label", "io.cloudunit.bench=" + RUN, "-t",
                "cu-bench-hand-" + RUN.substring(0, 8) + ":r" + round, context.toString());
        return System.nanoTime() - start;
    }

    private static String buildLog(int number) {
        JsonNode builds = Api.as("alice").get(buildsPath()).json();
        for (JsonNode build : builds) {
            if (build.path("number").asInt() == number) {
                return Api.as("alice").get(buildsPath() + "/" + build.path("id").asText() + "/log").body();
            }
        }
        throw new IllegalStateException("no build #" + number + " in " + builds);
    }

    /** Each round's release rolls out before the next round measures, so that no deployment runs meanwhile. */
    private static void awaitServing(int round) {
        await("round " + round + " is served").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> Router.get(APP, TENANT, "/"), a -> a.status() == 200 && a.body().startsWith("round "
                        + round + " "));
    }

    private static String buildsPath() {
        return "/tenants/" + TENANT + "/apps/" + APP + "/builds";
    }
}
