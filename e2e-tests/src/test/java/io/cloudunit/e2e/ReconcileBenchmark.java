package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 5's reconcile benchmark, not a test: {@code APPS × REPLICAS} (100) running instances of a tiny static
 * site, then (1) deployer-service restarted: the time until its first reconcile pass has finished and found
 * nothing to do, and that pass's own duration (its log line, ADR 0026); (2) deployer-service killed, 10 instances
 * removed behind its back, started again: the time until all 100 run again. Run with {@code ./cloudunit bench}.
 */
class ReconcileBenchmark {
    static final int APPS = Integer.getInteger("bench.reconcile.apps", 20);
    static final int REPLICAS = Integer.getInteger("bench.reconcile.replicas", 5);
    static final int REMOVED = 10;
    static final String TENANT = Platform.uniqueTenant("recbench");
    static final Path LOG = Services.ROOT.resolve(".cloudunit/logs/deployer-service.log");
    static final Pattern PASS = Pattern.compile(
            "reconcile pass (\\d+): (\\d+) containers of (\\d+) apps, (\\d+) repaired, (\\d+) ms \\(desired state "
                    + "(\\d+) ms, containers (\\d+) ms\\)");

    @AfterAll
    static void removeWhatTheBenchmarkCreated() {
        Api.as("alice").delete("/tenants/" + TENANT);
        await("the tenant's containers are purged").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> DockerEngine.containersOf(TENANT).isEmpty());
        try {
            DockerEngine.removeEverythingOf(TENANT);
        } catch (IllegalStateException purgedMeanwhile) {
            System.out.println("leftovers of " + TENANT + " partly removed already: " + purgedMeanwhile.getMessage()
                    .lines().findFirst().orElse(""));
        }
    }

    @Test
    void reconcileAfterARestartWithAHundredRunningInstances() throws Exception {
        Api alice = Api.as("alice");
        assertEquals(201, alice.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        Answer quota = Api.as("admin").putJson("/tenants/" + TENANT + "/quota", "{\"plan\":\"team\",\"overrides\":"
                + "{\"maxApps\":" + (APPS + 1) + ",\"maxInstances\":" + (APPS * REPLICAS + 1)
                + ",\"totalMemoryMb\":" + 64 * (APPS * REPLICAS + 1) + "}}");
        assertEquals(200, quota.status(), quota.toString());
        String image = staticImage(alice);
        long t0 = System.nanoTime();
        for (int i = 1; i <= APPS; i++) {
            String app = "site" + i;
            assertEquals(201, alice.postJson(apps(), "{\"name\":\"" + app + "\",\"stack\":\"image\",\"memoryMb\":64,"
                    + "\"cpus\":0.1,\"replicas\":" + REPLICAS + "}").status());
            Answer upload = alice.postJson(apps() + "/" + app + "/builds", "{\"image\":\"" + image + "\"}");
            assertEquals(202, upload.status(), upload.toString());
        }
        int total = APPS * REPLICAS;
        awaitRunning(alice, total, Duration.ofMinutes(10));
        System.out.printf("%n%d instances of %d apps running after %.1f s%n", total, APPS,
                (System.nanoTime() - t0) / 1e9);

        long restart = System.nanoTime();
        restartDeployer();
        double ready = (System.nanoTime() - restart) / 1e9;
        Matcher first = awaitPass(pass -> pass.group(1).equals("1"));
        double firstPassDone = (System.nanoTime() - restart) / 1e9;
        Matcher second = awaitPass(pass -> pass.group(1).equals("2"));
        // the shared database may hold other apps the reconciler repairs; none of the benchmark's may need it
        assertEquals(List.of(), repairsOfTheBenchmark(), "the first passes found nothing to do for " + TENANT);

        List<String> victims = removeBehindItsBack(REMOVED);
        long repair = System.nanoTime();
        restartDeployer();
        double readyAgain = (System.nanoTime() - repair) / 1e9;
        awaitRunning(alice, total, Duration.ofMinutes(5));
        double allBack = (System.nanoTime() - repair) / 1e9;
        List<Matcher> passes = passes();

        System.out.printf("%nreconcile with %d running instances (%d apps x %d), deployer restarted:%n"
                + "  restart → ready %.1f s, → first pass done %.1f s; first pass %s; second pass %s%n"
                + "%d instances removed behind its back while it was down (%s…), restarted:%n"
                + "  restart → ready %.1f s, → all %d running and healthy again %.1f s; passes: %s%n%n",
                total, APPS, REPLICAS, ready, firstPassDone, describe(first), describe(second), REMOVED, victims.get(0), readyAgain, total, allBack,
                passes.stream().map(ReconcileBenchmark::describe).toList());
    }

    private static String describe(Matcher pass) {
        return String.format("#%s: %s ms (desired state %s ms, containers %s ms) for %s containers of %s apps, "
                + "%s repaired", pass.group(1), pass.group(5), pass.group(6), pass.group(7), pass.group(2),
                pass.group(3), pass.group(4));
    }

    private static List<String> repairsOfTheBenchmark() throws IOException {
        return Files.readAllLines(LOG, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains("reconciling " + TENANT + "/")).toList();
    }

    /** Every instance of every app running and healthy, as GET …/instances lists them, and as many containers. */
    private static void awaitRunning(Api alice, int total, Duration deadline) {
        await(total + " healthy instances").atMost(deadline).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> {
                    if (running().size() != total) {
                        return false;
                    }
                    for (int i = 1; i <= APPS; i++) {
                        long healthy = 0;
                        for (JsonNode instance : alice.get(apps() + "/site" + i + "/instances").json()) {
                            healthy += instance.path("healthy").asBoolean() ? 1 : 0;
                        }
                        if (healthy != REPLICAS) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    private static List<String> running() {
        return DockerEngine.instancesOf(TENANT, "status=running");
    }

    /** One instance of each of the first {@code count} apps, removed while the deployer is down. */
    private static List<String> removeBehindItsBack(int count) throws Exception {
        kill9Deployer();
        List<String> victims = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String victim = lines(DockerEngine.docker("ps", "-q", "--filter", "label=io.cloudunit.tenant=" + TENANT,
                    "--filter", "label=io.cloudunit.app=site" + i)).get(0);
            DockerEngine.docker("rm", "-f", victim);
            victims.add(victim);
        }
        return victims;
    }

    private static void restartDeployer() throws Exception {
        Services.restart("deployer-service");
    }

    private static void kill9Deployer() throws Exception {
        Services.killHard("deployer-service");
    }

    private static Matcher awaitPass(java.util.function.Predicate<Matcher> which) {
        return await("a reconcile pass in " + LOG).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> passes().stream().filter(which).findFirst(), Optional::isPresent).orElseThrow();
    }

    /** The pass lines of the deployer's current log (the launcher starts a fresh log file at every start). */
    private static List<Matcher> passes() throws IOException {
        List<Matcher> out = new ArrayList<>();
        for (String line : Files.readAllLines(LOG, StandardCharsets.UTF_8)) {
            Matcher matcher = PASS.matcher(line);
            if (matcher.find()) {
                out.add(matcher);
            }
        }
        return out;
    }

    /** The static stack's image (lighttpd, a few MB, a few MB of memory) built once through the platform. */
    private static String staticImage(Api alice) throws IOException {
        assertEquals(201, alice.postJson(apps(), "{\"name\":\"source\",\"stack\":\"static\",\"memoryMb\":64,"
                + "\"replicas\":0}").status());
        Answer upload = alice.post(apps() + "/source/builds", BodyPublishers.ofByteArray(site()), "application/zip");
        assertEquals(202, upload.status(), upload.toString());
        String build = apps() + "/source/builds/" + upload.json().path("id").asText();
        JsonNode done = await("the static build").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> alice.get(build).json(), b -> List.of("succeeded", "failed")
                        .contains(b.path("status").asText()));
        assertEquals("succeeded", done.path("status").asText(), done.toString());
        return done.path("image").asText();
    }

    private static byte[] site() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("dist/index.html"));
            zip.write("<h1>reconcile bench</h1>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static List<String> lines(String output) {
        return Arrays.stream(output.split("\n")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String apps() {
        return "/tenants/" + TENANT + "/apps";
    }
}
