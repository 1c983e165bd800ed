package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * build-service killed (SIGKILL) in the middle of a build and started again: the build fails with the restart
 * reason instead of staying "running", its container is gone from the engine, and the next upload builds.
 */
class BuildRestartIT {
    static final String TENANT = Platform.uniqueTenant("rst");
    static final Api ALICE = Api.as("alice");
    static final Path ROOT = Path.of(System.getProperty("cloudunit.root", "..")).toAbsolutePath().normalize();

    @BeforeAll
    static void tenant() {
        assertEquals(201, ALICE.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        assertEquals(201, ALICE.postJson("/tenants/" + TENANT + "/apps",
                "{\"name\":\"slow\",\"stack\":\"dockerfile\"}").status());
    }

    @AfterAll
    static void removeWhatTheTestBuilt() {
        Cleanup.deleteAppAndEverythingOf(ALICE, TENANT, "slow");
    }

    @Test
    void aBuildRunningWhenTheServiceDiesFailsAtTheNextStart() throws Exception {
        String build = TickingBuilds.upload(ALICE, TENANT, "slow", -1, 100);
        List<String> log = TickingBuilds.awaitLine(ALICE, build, "tick 3");
        List<String> containers = TickingBuilds.containers(log);
        assertEquals(1, containers.size(), log.toString());

        kill9BuildService();
        restartBuildService();

        JsonNode failed = await("the build ends").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> ALICE.get(build).json(), b -> !"running".equals(b.path("status").asText()));
        assertEquals("failed", failed.path("status").asText(), failed.toString());
        assertEquals("build-service restarted during the build; upload the artifact again",
                failed.path("reason").asText());
        await("the build's container is gone").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> !TickingBuilds.exists(containers.get(0)));

        String next = TickingBuilds.upload(ALICE, TENANT, "slow", 3, 10);
        JsonNode done = await("the next build").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> ALICE.get(next).json(),
                        b -> List.of("succeeded", "failed", "canceled").contains(b.path("status").asText()));
        assertEquals("succeeded", done.path("status").asText(), done.toString());
    }

    private static void kill9BuildService() throws Exception {
        Path pidFile = ROOT.resolve(".cloudunit/run/build-service.pid");
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        ProcessHandle service = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("build-service (pid " + pid
                + " from " + pidFile + ") is not running"));
        assertEquals(0, run("kill", "-9", Long.toString(pid)));
        service.onExit().get(30, TimeUnit.SECONDS);
    }

    private static void restartBuildService() throws Exception {
        assertEquals(0, run(ROOT.resolve("cloudunit").toString(), "restart", "build-service"));
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish: " + output);
        }
        if (process.exitValue() != 0) {
            System.err.println(String.join(" ", command) + ": " + output);
        }
        return process.exitValue();
    }
}
