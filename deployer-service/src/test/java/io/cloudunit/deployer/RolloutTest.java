package io.cloudunit.deployer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudunit.deployer.rollout.DeploymentService;
import io.cloudunit.deployer.runtime.AppLocks;
import io.cloudunit.deployer.runtime.AppTarget;
import io.cloudunit.deployer.runtime.Blocking;
import io.cloudunit.deployer.runtime.InstanceLauncher;
import io.cloudunit.deployer.support.Db;
import io.cloudunit.deployer.support.Docker;
import io.cloudunit.deployer.support.Events;
import io.cloudunit.deployer.support.Members;
import io.cloudunit.deployer.support.Names;
import io.cloudunit.deployer.support.TenantServiceStub;
import io.cloudunit.deployer.support.TestImages;
import io.cloudunit.deployer.support.Tokens;
import io.cloudunit.platform.events.AppEvent;
import io.cloudunit.platform.events.BuildEvent;
import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.events.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Rollouts against the real engine: images built here, events through the real Kafka, state in PostgreSQL. */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class RolloutTest {
    static final String RUN = Names.unique("deployer-");
    static final String TENANT = Names.unique("t");
    static final String DOOMED_TENANT = Names.unique("t");
    static final String BUSY_TENANT = Names.unique("t");
    /** Its own, so that no other test's launch takes its spare sandbox. */
    static final String SANDBOX_TENANT = Names.unique("t");
    static final String IDLE_TENANT = Names.unique("t");
    static final List<String> TENANTS = List.of(TENANT, DOOMED_TENANT, BUSY_TENANT, SANDBOX_TENANT, IDLE_TENANT);
    static final Duration ROLLOUT = Duration.ofSeconds(90);
    /**
     * How long an event may take to reach Kafka: well below the 60 s a relay stalled on Kafka metadata would take
     * (a batch mixing instance.* and deployment.* topics), so such a stall fails the test.
     */
    static final Duration EVENTS = Duration.ofSeconds(20);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static String hello;
    static String quitter;
    static String processorCounter;
    static Events events;
    static String token;

    @Inject
    InstanceLauncher launcher;
    @Inject
    AppLocks locks;
    @Inject
    DeploymentService deployments;

    @BeforeAll
    static void buildImagesAndListen() {
        hello = TestImages.build(TestImages.HELLO, "cloudunit-test/" + RUN + "-hello:1", RUN);
        quitter = TestImages.build(TestImages.QUITTER, "cloudunit-test/" + RUN + "-quitter:1", RUN);
        processorCounter = TestImages.build(TestImages.PROCESSOR_COUNTER, "cloudunit-test/" + RUN + "-cpus:1", RUN);
        events = new Events(List.of(Events.topic(Topics.DEPLOYMENTS), Events.topic(Topics.INSTANCES)),
                TENANTS);
        token = Tokens.of("alice");
        TENANTS.forEach(tenant -> Members.add(tenant, "alice", "viewer"));
    }

    @AfterAll
    static void tearDown() {
        try {
            // The product's own clean-up path first; then a label-selected sweep in case a test broke halfway.
            // (Removing containers behind the deployer's back would only make its reconciler recreate them.)
            TENANTS.forEach(tenant -> events.send(new TenantEvent.Deleted(tenant)));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> TENANTS.stream()
                    .allMatch(t -> Docker.containers("io.cloudunit.managed=true", "io.cloudunit.tenant=" + t).isEmpty()));
        } finally {
            Docker.removeTenants(TENANTS);
            TestImages.removeImages(RUN);
            events.close();
        }
    }

    /**
     * The app asks for 0.5 CPU: its JVM starts with the startup CPUs (2 by default, at most the engine's), so it
     * counts 2 processors, then serves with the app's quota.
     */
    @Test
    void anInstanceStartsWithTheStartupCpusAndServesWithTheAppsOwn() throws Exception {
        int engineCpus = Integer.parseInt(Docker.ok("info", "--format", "{{.NCPU}}").trim());
        Assumptions.assumeTrue(engineCpus >= 2, "an engine of one CPU has no more to start with");
        String app = "boosted";
        createApp(TENANT, app, 1, 128, "/health");
        buildSucceeded(TENANT, app, 1, processorCounter);
        awaitDeployment(TENANT, app, 1, "SUCCEEDED");
        String name = "cu-" + TENANT + "-" + app + "-v1-1";
        assertThat(httpGet("http://" + ipOf(name, TENANT) + ":8080/")).isEqualTo("200 processors at start: 2");
        assertThat(Docker.inspect("--type", "container", name).at("/HostConfig/NanoCpus").asLong())
                .isEqualTo(500_000_000L);
    }

    @Test
    void firstBuildRollsOutAHealthyHardenedInstance() throws Exception {
        String app = "hello";
        createApp(TENANT, app, 1, 128, "/health");
        BuildEvent.Succeeded build = buildSucceeded(TENANT, app, 1, hello);

        JsonPath deployment = awaitDeployment(TENANT, app, 1, "SUCCEEDED");
        String name = "cu-" + TENANT + "-hello-v1-1";
        assertThat(deployment.getList("instances.instance")).containsExactly(name);

        given().auth().oauth2(token).get(apps(TENANT, app) + "/releases").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.is(1))
                .body("[0].version", org.hamcrest.Matchers.is(1))
                .body("[0].buildId", org.hamcrest.Matchers.is(build.buildId().toString()))
                .body("[0].image", org.hamcrest.Matchers.is(hello))
                .body("[0].reason", org.hamcrest.Matchers.is("build b1"))
                .body("[0].createdAt", org.hamcrest.Matchers.notNullValue());

        String ip = ipOf(name, TENANT);
        assertThat(httpGet("http://" + ip + ":8080/")).startsWith("200 hello from");

        // release.created → deployment.started → (instance.started) → deployment.succeeded
        String subject = TENANT + "/" + app;
        await().atMost(EVENTS).untilAsserted(() -> {
            assertThat(events.about(subject, "deployment.succeeded")).hasSize(1);
            assertThat(events.about(subject, "instance.started")).hasSize(1);
        });
        List<Events.Seen> lifecycle = events.about(subject).stream()
                .filter(s -> s.topic().equals(Events.topic(Topics.DEPLOYMENTS))).toList();
        assertThat(lifecycle).extracting(Events.Seen::shortType)
                .containsExactly("release.created", "deployment.started", "deployment.succeeded");
        assertThat(lifecycle).extracting(Events.Seen::offset).isSorted();
        Events.Seen started = events.about(subject, "instance.started").get(0);
        assertThat(started.data().get("instance").asText()).isEqualTo(name);
        assertThat(started.data().get("version").asInt()).isEqualTo(1);
        assertThat(started.data().get("address").asText()).isEqualTo(ip + ":8080");
        assertThat(started.data().get("healthy").asBoolean()).isTrue();
        assertThat(OffsetDateTime.parse(started.time()))
                .isAfterOrEqualTo(OffsetDateTime.parse(lifecycle.get(1).time()))
                .isBeforeOrEqualTo(OffsetDateTime.parse(lifecycle.get(2).time()));
        assertThat(lifecycle.get(0).data().get("version").asInt()).isEqualTo(1);
        assertThat(lifecycle.get(1).data().get("deploymentId").asText())
                .isEqualTo(lifecycle.get(2).data().get("deploymentId").asText());

        assertHardened(name, TENANT, app, 1, 128, 60);

        given().get("/internal/routes").then().statusCode(200);
        List<JsonNode> routes = routes(TENANT, app);
        assertThat(routes).hasSize(1);
        assertThat(routes.get(0).get("instance").asText()).isEqualTo(name);
        assertThat(routes.get(0).get("version").asInt()).isEqualTo(1);
        assertThat(routes.get(0).get("address").asText()).isEqualTo(ip + ":8080");
        assertThat(routes.get(0).get("healthy").asBoolean()).isTrue();

        given().auth().oauth2(token).get(apps(TENANT, app) + "/instances").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.is(1))
                .body("[0].instance", org.hamcrest.Matchers.is(name))
                .body("[0].state", org.hamcrest.Matchers.is("RUNNING"))
                .body("[0].address", org.hamcrest.Matchers.is(ip + ":8080"))
                .body("[0].healthy", org.hamcrest.Matchers.is(true))
                .body("[0].startedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anInstanceThatStopsAnsweringIsTakenOutUntilItAnswersAgain() throws Exception {
        String app = "frozen";
        String name = oneHealthyInstance(app);
        String subject = TENANT + "/" + app;

        // SIGSTOP from the host: the engine still sees it running, its port still accepts connections (the kernel
        // does), and nothing answers on them (docker pause would look like a stopped container to the reconciler)
        String pid = Docker.inspect("--type", "container", name).get("State").get("Pid").asText();
        signal("-STOP", pid);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !events.about(subject, "instance.unhealthy").isEmpty());
            Events.Seen unhealthy = events.about(subject, "instance.unhealthy").get(0);
            assertThat(unhealthy.data().get("instance").asText()).isEqualTo(name);
            assertThat(unhealthy.data().get("reason").asText()).contains("3 health checks in a row failed")
                    .contains("GET /health");
            assertThat(routes(TENANT, app)).as("out of the router's snapshot").isEmpty();
            assertThat(Docker.exists(name)).as("left running: it may recover").isTrue();
            // Every pass (1 s apart here) probes the frozen instance once and lets go of the app: it used to hold
            // the app's lock through the whole health grace (60 s here), one pass after the other.
            await().atMost(Duration.ofSeconds(5)).until(() -> locks.tryRun(subject, () -> { }));
            assertThat(routes(TENANT, app)).as("still out").isEmpty();
        } finally {
            signal("-CONT", pid);
        }

        await().atMost(ROLLOUT).until(() -> events.about(subject, "instance.started").size() == 2);
        assertThat(routes(TENANT, app)).extracting(r -> r.get("healthy").asBoolean()).containsExactly(true);
        assertThat(events.about(subject, "instance.crashed")).isEmpty();
    }

    @Test
    void anInstanceThatStaysUnhealthyIsReplaced() throws Exception {
        String app = "hung";
        String name = oneHealthyInstance(app);
        String subject = TENANT + "/" + app;
        JsonNode before = Docker.inspect("--type", "container", name);
        String pid = before.get("State").get("Pid").asText();

        signal("-STOP", pid); // for good: the replacement removes it
        await().atMost(Duration.ofSeconds(30)).until(() -> !events.about(subject, "instance.unhealthy").isEmpty());
        long unhealthyAt = System.nanoTime();

        // liveness-restart-after is 20 s here; then the next pass removes it and launches the replica again
        await().atMost(Duration.ofSeconds(60)).until(() -> events.about(subject, "instance.started").size() == 2);
        assertThat(Duration.ofNanos(System.nanoTime() - unhealthyAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(15));
        JsonNode after = Docker.inspect("--type", "container", name);
        assertThat(after.get("Id").asText()).as("a new container of the same replica").isNotEqualTo(
                before.get("Id").asText());
        assertThat(events.about(subject, "instance.stopped")).extracting(e -> e.data().get("instance").asText())
                .containsExactly(name);
        assertThat(httpGet("http://" + ipOf(name, TENANT) + ":8080/")).startsWith("200 hello from");
        assertThat(routes(TENANT, app)).extracting(r -> r.get("healthy").asBoolean()).containsExactly(true);
        assertThat(events.about(subject, "instance.crashed")).as("the platform's own replacement").isEmpty();
        assertThat(Db.count("select count(*) from deployer.instance_crash where tenant = ? and app = ?", TENANT, app))
                .isZero();
    }

    @Test
    void nextBuildReplacesThePreviousRelease() throws Exception {
        String app = "swap";
        createApp(TENANT, app, 1, 192, null);
        buildSucceeded(TENANT, app, 1, hello);
        awaitDeployment(TENANT, app, 1, "SUCCEEDED");
        String v1 = "cu-" + TENANT + "-swap-v1-1";
        assertThat(Docker.exists(v1)).isTrue();

        buildSucceeded(TENANT, app, 2, hello);
        awaitDeployment(TENANT, app, 2, "SUCCEEDED");
        String v2 = "cu-" + TENANT + "-swap-v2-1";

        await().atMost(Duration.ofSeconds(30)).until(() -> !Docker.exists(v1));
        await().atMost(EVENTS).until(() -> events.about(TENANT + "/" + app, "instance.stopped")
                .stream().anyMatch(s -> s.data().get("instance").asText().equals(v1)
                        && s.data().get("version").asInt() == 1));
        assertThat(httpGet("http://" + ipOf(v2, TENANT) + ":8080/")).startsWith("200 hello from");
        assertThat(routes(TENANT, app)).extracting(r -> r.get("instance").asText()).containsExactly(v2);
        given().auth().oauth2(token).get(apps(TENANT, app) + "/releases").then().statusCode(200)
                .body("version", org.hamcrest.Matchers.contains(2, 1));
    }

    @Test
    void aReleaseThatNeverGetsHealthyFailsAndThePreviousOneKeepsServing() throws Exception {
        String app = "flaky";
        createApp(TENANT, app, 1, 128, "/");
        buildSucceeded(TENANT, app, 1, hello);
        awaitDeployment(TENANT, app, 1, "SUCCEEDED");
        String v1 = "cu-" + TENANT + "-flaky-v1-1";
        String v1Id = Docker.inspect("--type", "container", v1).get("Id").asText();

        buildSucceeded(TENANT, app, 2, quitter);
        JsonPath failed = awaitDeployment(TENANT, app, 2, "FAILED");
        assertThat(failed.getString("reason"))
                .contains("cu-" + TENANT + "-flaky-v2-1")
                .contains("exit code 0")
                .contains("nothing to serve, bye");
        assertThat(failed.getList("instances")).isEmpty();

        await().atMost(Duration.ofSeconds(20)).until(() -> !Docker.exists("cu-" + TENANT + "-flaky-v2-1"));
        JsonNode old = Docker.inspect("--type", "container", v1);
        assertThat(old.get("Id").asText()).isEqualTo(v1Id);
        assertThat(old.at("/State/Running").asBoolean()).isTrue();
        assertThat(httpGet("http://" + ipOf(v1, TENANT) + ":8080/")).startsWith("200 hello from");
        assertThat(routes(TENANT, app)).extracting(r -> r.get("instance").asText()).containsExactly(v1);
        await().atMost(EVENTS).untilAsserted(() -> {
            List<Events.Seen> failures = events.about(TENANT + "/" + app, "deployment.failed");
            assertThat(failures).hasSize(1);
            assertThat(failures.get(0).data().get("version").asInt()).isEqualTo(2);
            assertThat(failures.get(0).data().get("reason").asText()).contains("exit code 0");
        });
        assertThat(events.about(TENANT + "/" + app, "instance.stopped")).isEmpty();
    }

    /** A launch joins one of the tenant's spare sandboxes, with no network to set up, and the spares are made up. */
    @Test
    void aLaunchTakesATenantsSpareSandboxAndTheSparesAreMadeUp() throws Exception {
        int spares = ConfigProvider.getConfig().getOptionalValue("cloudunit.deployer.container.spare-sandboxes",
                Integer.class).orElse(2);
        createApp(SANDBOX_TENANT, "first", 1, 128, "/health");
        buildSucceeded(SANDBOX_TENANT, "first", 1, hello);
        awaitDeployment(SANDBOX_TENANT, "first", 1, "SUCCEEDED");
        List<String> before = await().atMost(EVENTS).until(() -> sparesOf(SANDBOX_TENANT), s -> s.size() == spares);

        createApp(SANDBOX_TENANT, "second", 1, 128, "/health");
        buildSucceeded(SANDBOX_TENANT, "second", 1, hello);
        awaitDeployment(SANDBOX_TENANT, "second", 1, "SUCCEEDED");

        String name = "cu-" + SANDBOX_TENANT + "-second-v1-1";
        JsonNode sandbox = Docker.networkOf(name);
        assertThat(before).as("the instance joined a spare").contains(sandbox.get("Id").asText());
        assertThat(sandbox.get("Name").asText()).as("renamed for its instance").isEqualTo("/" + name + "-net");
        assertThat(httpGet("http://" + ipOf(name, SANDBOX_TENANT) + ":8080/")).startsWith("200 hello from");
        assertHardened(name, SANDBOX_TENANT, "second", 1, 128, 60);
        List<String> after = await().atMost(EVENTS).until(() -> sparesOf(SANDBOX_TENANT), s -> s.size() == spares);
        assertThat(after).as("a new spare").doesNotContain(sandbox.get("Id").asText()).isNotEqualTo(before);
    }

    /** Its sandbox removed behind the platform's back, then the instance stopped: it comes back in a new one. */
    @Test
    void anInstanceWhoseSandboxIsGoneIsCreatedAgainInANewOne() throws Exception {
        String name = oneHealthyInstance("homeless");
        String lost = Docker.networkOf(name).get("Id").asText();

        Docker.ok("rm", "-f", name + "-net");
        Docker.ok("stop", name);

        // while it is recreated, it may be missing for a moment and its new JVM refuses connections until it listens
        await().atMost(EVENTS).pollInterval(Duration.ofMillis(300)).ignoreExceptions().untilAsserted(() -> {
            JsonNode sandbox = Docker.networkOf(name);
            assertThat(sandbox.get("Id").asText()).isNotEqualTo(lost);
            assertThat(Docker.inspect("--type", "container", name).at("/State/Running").asBoolean()).isTrue();
            assertThat(httpGet("http://" + ipOf(name, TENANT) + ":8080/")).startsWith("200 hello from");
            assertThat(routes(TENANT, "homeless")).extracting(r -> r.get("address").asText())
                    .containsExactly(ipOf(name, TENANT) + ":8080");
        });
    }

    /** A sandbox whose instance is gone goes, and so do the spares of a tenant that has no instance. */
    @Test
    void theReconcilerRemovesTheSandboxesNobodyNeeds() {
        String orphan = "cu-" + IDLE_TENANT + "-gone-v1-1-net";
        String spare = "cu-net-" + IDLE_TENANT + "-spare-0badf00d";
        for (String name : List.of(orphan, spare)) {
            Docker.ok("run", "-d", "--name", name, "--network", "none", "--label", "io.cloudunit.managed=true",
                    "--label", "io.cloudunit.scope=" + ConfigProvider.getConfig().getValue("cloudunit.deployer.scope",
                            String.class), "--label", "io.cloudunit.tenant=" + IDLE_TENANT,
                    "--label", "io.cloudunit.sandbox=true", ConfigProvider.getConfig().getOptionalValue(
                            "cloudunit.deployer.container.sandbox-image", String.class).orElse("cloudunit/sandbox:1"));
        }

        await().atMost(EVENTS).until(() -> !Docker.exists(orphan) && !Docker.exists(spare));
    }

    /** The ids of the tenant's running spare sandboxes. */
    static List<String> sparesOf(String tenant) {
        return Docker.containers("io.cloudunit.tenant=" + tenant, "io.cloudunit.sandbox=true").stream()
                .filter(name -> name.startsWith("cu-net-" + tenant + "-spare-"))
                .map(name -> Docker.inspect("--type", "container", name))
                .filter(Objects::nonNull)
                .filter(c -> c.at("/State/Running").asBoolean())
                .map(c -> c.get("Id").asText())
                .sorted().toList();
    }

    @Test
    void theReconcilerRecreatesAContainerRemovedBehindItsBack() throws Exception {
        String app = "phoenix";
        createApp(TENANT, app, 2, 256, "/health");
        buildSucceeded(TENANT, app, 1, hello);
        JsonPath deployment = awaitDeployment(TENANT, app, 1, "SUCCEEDED");
        String first = "cu-" + TENANT + "-phoenix-v1-1";
        String second = "cu-" + TENANT + "-phoenix-v1-2";
        assertThat(deployment.getList("instances.instance")).containsExactly(first, second);
        assertHardened(second, TENANT, app, 1, 256, 75);
        String oldId = Docker.inspect("--type", "container", second).get("Id").asText();

        Docker.ok("rm", "-f", second);

        await().atMost(EVENTS).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode again = Docker.inspect("--type", "container", second);
            assertThat(again).isNotNull();
            assertThat(again.get("Id").asText()).isNotEqualTo(oldId);
            assertThat(again.at("/State/Running").asBoolean()).isTrue();
            List<Events.Seen> ofSecond = events.about(TENANT + "/" + app).stream()
                    .filter(s -> s.topic().equals(Events.topic(Topics.INSTANCES)))
                    .filter(s -> s.data().get("instance").asText().equals(second)).toList();
            assertThat(ofSecond).extracting(Events.Seen::shortType)
                    .containsExactly("instance.started", "instance.stopped", "instance.started");
        });
        assertThat(httpGet("http://" + ipOf(second, TENANT) + ":8080/")).startsWith("200 hello from");
        assertThat(routes(TENANT, app)).extracting(r -> r.get("instance").asText()).contains(first, second);
    }

    @Test
    void aBuildThatArrivesBeforeTheAppSpecIsReleasedAndRolledOutOnceTheSpecArrives() throws Exception {
        String app = "early";
        buildSucceeded(TENANT, app, 1, hello);
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count(
                "select count(*) from deployer.release where tenant = ? and app = ?", TENANT, app) == 1);
        UUID id = deploymentId(TENANT, app, 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> assertThat(
                deploymentStatus(TENANT, app, id)).isEqualTo("PENDING"));

        createApp(TENANT, app, 1, 128, "/health");
        awaitDeployment(TENANT, app, 1, "SUCCEEDED");
        assertThat(httpGet("http://" + ipOf("cu-" + TENANT + "-early-v1-1", TENANT) + ":8080/health"))
                .startsWith("200");
    }

    @Test
    void anInterruptedRolloutIsRetriedOverTheContainersItAlreadyCreated() throws Exception {
        String app = "resume";
        createApp(TENANT, app, 1, 128, "/health");
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count(
                "select count(*) from deployer.app_spec where tenant = ? and app = ?", TENANT, app) == 1);
        // What a deployer killed halfway leaves: a RUNNING deployment and a started container.
        UUID deploymentId = UUID.randomUUID();
        Db.update("insert into deployer.release (id, tenant, app, version, build_id, image, reason, created_at) "
                + "values (?, ?, ?, 1, ?, ?, 'build b1', now())", UUID.randomUUID(), TENANT, app, UUID.randomUUID(), hello);
        Db.update("insert into deployer.deployment (id, tenant, app, version, status, created_at, started_at) "
                + "values (?, ?, ?, 1, 'RUNNING', now(), now())", deploymentId, TENANT, app);
        String name = launcher.launch(new AppTarget(TENANT, app, 1, hello, 1, 128, 0.5, "/health"), 1).name();
        String createdBefore = Docker.inspect("--type", "container", name).get("Id").asText();

        int requeued = Blocking.await(deployments::requeueInterrupted);

        assertThat(requeued).isGreaterThanOrEqualTo(1);
        await().atMost(ROLLOUT).until(() -> "SUCCEEDED".equals(deploymentStatus(TENANT, app, deploymentId)));
        assertThat(Docker.inspect("--type", "container", name).get("Id").asText()).isEqualTo(createdBefore);
        assertThat(Docker.containers("io.cloudunit.tenant=" + TENANT, "io.cloudunit.app=" + app)).containsExactly(name);
        assertThat(routes(TENANT, app)).extracting(r -> r.get("instance").asText()).containsExactly(name);
    }

    @Test
    void aDeletedAppIsRemovedAndARecreatedOneDoesNotRunTheOldRelease() throws Exception {
        String app = "again";
        createApp(TENANT, app, 1, 128, "/health");
        buildSucceeded(TENANT, app, 1, hello);
        awaitDeployment(TENANT, app, 1, "SUCCEEDED");
        String v1 = "cu-" + TENANT + "-again-v1-1";

        events.send(new AppEvent.Deleted(TENANT, app));
        await().atMost(Duration.ofSeconds(30)).until(() -> !Docker.exists(v1));
        await().atMost(EVENTS).until(() -> events.about(TENANT + "/" + app, "instance.stopped")
                .stream().anyMatch(s -> s.data().get("instance").asText().equals(v1)));
        assertThat(routes(TENANT, app)).isEmpty();

        createApp(TENANT, app, 1, 128, "/health");
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count("select count(*) from deployer.app_spec "
                + "where tenant = ? and app = ? and not deleted", TENANT, app) == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> Docker.containers("io.cloudunit.tenant=" + TENANT, "io.cloudunit.app=" + app).isEmpty());

        buildSucceeded(TENANT, app, 2, hello);
        JsonPath deployment = awaitDeployment(TENANT, app, 2, "SUCCEEDED");
        assertThat(deployment.getList("instances.instance")).containsExactly("cu-" + TENANT + "-again-v2-1");
    }

    @Test
    void appsOfOneTenantRollOutConcurrentlyOnOneNetwork() throws Exception {
        List<String> apps = List.of("north", "south", "east");
        apps.forEach(app -> createApp(BUSY_TENANT, app, 1, 128, "/health"));
        apps.forEach(app -> buildSucceeded(BUSY_TENANT, app, 1, hello));

        for (String app : apps) {
            awaitDeployment(BUSY_TENANT, app, 1, "SUCCEEDED");
        }
        String networks = Docker.ok("network", "ls", "--format", "{{.Name}}", "--filter",
                "label=io.cloudunit.tenant=" + BUSY_TENANT);
        assertThat(networks.split("\\s+")).containsExactly("cu-net-" + BUSY_TENANT);
        for (String app : apps) {
            String name = "cu-" + BUSY_TENANT + "-" + app + "-v1-1";
            assertThat(httpGet("http://" + ipOf(name, BUSY_TENANT) + ":8080/")).startsWith("200 hello from");
        }
    }

    @Test
    void deletingATenantRemovesItsContainersAndNetwork() throws Exception {
        String app = "gone";
        createApp(DOOMED_TENANT, app, 1, 128, null);
        buildSucceeded(DOOMED_TENANT, app, 1, hello);
        awaitDeployment(DOOMED_TENANT, app, 1, "SUCCEEDED");
        String name = "cu-" + DOOMED_TENANT + "-gone-v1-1";
        assertThat(Docker.inspect("--type", "network", "cu-net-" + DOOMED_TENANT)).isNotNull();

        events.send(new TenantEvent.Deleted(DOOMED_TENANT));

        await().atMost(Duration.ofSeconds(30)).until(() -> !Docker.exists(name));
        await().atMost(Duration.ofSeconds(30)).until(() -> Docker.inspect("--type", "network",
                "cu-net-" + DOOMED_TENANT) == null);
        await().atMost(EVENTS).until(() -> events.about(DOOMED_TENANT + "/" + app,
                "instance.stopped").stream().anyMatch(s -> s.data().get("instance").asText().equals(name)));
        assertThat(routes(DOOMED_TENANT, app)).isEmpty();
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** v1 of a new app of one replica with a health path, rolled out: its instance's name. */
    static String oneHealthyInstance(String app) {
        createApp(TENANT, app, 1, 128, "/health");
        buildSucceeded(TENANT, app, 1, hello);
        awaitDeployment(TENANT, app, 1, "SUCCEEDED");
        return "cu-" + TENANT + "-" + app + "-v1-1";
    }

    static void createApp(String tenant, String app, int replicas, int memoryMb, String healthPath) {
        events.send(new AppEvent.Created(tenant, app, new AppEvent.Spec("java", memoryMb, 0.5, replicas, healthPath)));
    }

    static BuildEvent.Succeeded buildSucceeded(String tenant, String app, long number, String image) {
        BuildEvent.Succeeded build = new BuildEvent.Succeeded(tenant, app, UUID.randomUUID(), number, image,
                "sha256:" + UUID.randomUUID(), null);
        events.send(build);
        return build;
    }

    static void signal(String signal, String pid) throws Exception {
        assertThat(new ProcessBuilder("kill", signal, pid).inheritIO().start().waitFor()).isZero();
    }

    static String apps(String tenant, String app) {
        return "/api/v1/tenants/" + tenant + "/apps/" + app;
    }

    /** The deployment of this release, as the database knows it. */
    static UUID deploymentId(String tenant, String app, int version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.string("select id::text from deployer.deployment "
                + "where tenant = ? and app = ? and version = ?", tenant, app, version) != null);
        return UUID.fromString(Db.string("select id::text from deployer.deployment where tenant = ? and app = ? "
                + "and version = ?", tenant, app, version));
    }

    static String deploymentStatus(String tenant, String app, UUID id) {
        return given().auth().oauth2(token).get(apps(tenant, app) + "/deployments/" + id)
                .then().statusCode(200).extract().path("status");
    }

    static JsonPath awaitDeployment(String tenant, String app, int version, String expected) {
        UUID id = deploymentId(tenant, app, version);
        await().atMost(ROLLOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> List.of("SUCCEEDED", "FAILED").contains(deploymentStatus(tenant, app, id)));
        JsonPath deployment = given().auth().oauth2(token).get(apps(tenant, app) + "/deployments/" + id)
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
        assertThat(deployment.getString("status")).as("deployment of v%d: %s", version,
                deployment.getString("reason")).isEqualTo(expected);
        assertThat(deployment.getInt("version")).isEqualTo(version);
        return deployment;
    }

    static List<JsonNode> routes(String tenant, String app) throws IOException {
        String body = given().get("/internal/routes").then().statusCode(200).extract().asString();
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode route : io.cloudunit.platform.events.EventJson.mapper().readTree(body)) {
            if (route.get("tenant").asText().equals(tenant) && route.get("app").asText().equals(app)) {
                route.get("instances").forEach(out::add);
            }
        }
        return out;
    }

    static String ipOf(String container, String tenant) {
        JsonNode inspect = Docker.networkOf(container);
        assertThat(inspect).as("container %s", container).isNotNull();
        String ip = inspect.at("/NetworkSettings/Networks/cu-net-" + tenant + "/IPAddress").asText();
        assertThat(ip).isNotBlank();
        return ip;
    }

    static String httpGet(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    /** Every DESIGN §5 setting, read back with `docker inspect`. */
    static void assertHardened(String name, String tenant, String app, int version, int memoryMb, int heapPercent) {
        JsonNode c = Docker.inspect("--type", "container", name);
        JsonNode host = c.get("HostConfig");
        long bytes = memoryMb * 1024L * 1024L;
        assertThat(host.get("Memory").asLong()).isEqualTo(bytes);
        assertThat(host.get("MemorySwap").asLong()).isEqualTo(bytes);
        assertThat(host.get("NanoCpus").asLong()).isEqualTo(500_000_000L);
        assertThat(host.get("PidsLimit").asLong()).isEqualTo(256);
        assertThat(texts(host.get("CapDrop"))).containsExactly("ALL");
        assertThat(texts(host.get("CapAdd"))).isEmpty();
        assertThat(texts(host.get("SecurityOpt"))).contains("no-new-privileges");
        assertThat(host.get("Privileged").asBoolean()).isFalse();
        assertThat(host.get("ReadonlyRootfs").asBoolean()).isFalse();
        assertThat(texts(host.get("Binds"))).isEmpty();
        assertThat(c.get("Mounts")).isEmpty();
        assertThat(texts(host.get("Devices"))).isEmpty();
        JsonNode sandbox = Docker.networkOf(name);
        assertThat(host.get("NetworkMode").asText()).isEqualTo("container:" + sandbox.get("Id").asText());
        assertThat(sandbox.get("Name").asText()).isEqualTo("/" + name + "-net");
        assertThat(host.get("PidMode").asText()).isEmpty();
        assertThat(host.get("IpcMode").asText()).isIn("private", "shareable", "");
        assertThat(sandbox.at("/HostConfig/NetworkMode").asText()).isEqualTo("cu-net-" + tenant);
        assertThat(sandbox.at("/NetworkSettings/Networks").fieldNames()).toIterable()
                .containsExactly("cu-net-" + tenant);
        JsonNode binding = sandbox.at("/HostConfig/PortBindings/8080~1tcp/0");
        assertThat(binding.get("HostIp").asText()).isEqualTo("127.0.0.1");
        assertThat(binding.get("HostPort").asText()).isEmpty();
        JsonNode published = sandbox.at("/NetworkSettings/Ports/8080~1tcp/0");
        assertThat(published.get("HostIp").asText()).isEqualTo("127.0.0.1");
        assertThat(published.get("HostPort").asText()).matches("\\d+");
        assertThat(host.at("/LogConfig/Type").asText()).isEqualTo("json-file");
        assertThat(host.at("/LogConfig/Config/max-size").asText()).isEqualTo("10m");
        assertThat(host.at("/LogConfig/Config/max-file").asText()).isEqualTo("3");
        assertThat(host.at("/RestartPolicy/Name").asText()).isEqualTo("on-failure");
        assertThat(host.at("/RestartPolicy/MaximumRetryCount").asInt()).isEqualTo(5);
        JsonNode labels = c.at("/Config/Labels");
        assertThat(labels.get("io.cloudunit.tenant").asText()).isEqualTo(tenant);
        assertThat(labels.get("io.cloudunit.app").asText()).isEqualTo(app);
        assertThat(labels.get("io.cloudunit.release").asText()).isEqualTo(String.valueOf(version));
        assertThat(labels.get("io.cloudunit.managed").asText()).isEqualTo("true");
        assertThat(texts(c.at("/Config/Env"))).contains("PORT=8080",
                "JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=" + heapPercent + " -Dsun.net.httpserver.nodelay=true");
        assertThat(c.at("/Config/User").asText()).isEqualTo("10001:10001");
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
