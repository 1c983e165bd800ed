package io.cloudunit.deployer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudunit.deployer.reconcile.Reconciler;
import io.cloudunit.deployer.support.Db;
import io.cloudunit.deployer.support.Docker;
import io.cloudunit.deployer.support.Events;
import io.cloudunit.deployer.support.Members;
import io.cloudunit.deployer.support.Names;
import io.cloudunit.deployer.support.TenantApps;
import io.cloudunit.deployer.support.TenantServiceStub;
import io.cloudunit.deployer.support.TestImages;
import io.cloudunit.deployer.support.Tokens;
import io.cloudunit.platform.events.AppEvent;
import io.cloudunit.platform.events.EventJson;
import io.cloudunit.platform.events.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Scale, start / stop / restart, instances, logs and stats against the real engine (ADR 0023): images built here,
 * app events through the real Kafka, the API called with real Keycloak tokens.
 */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class ScaleAndLifecycleTest {
    static final String RUN = Names.unique("deployer-");
    static final String TENANT = Names.unique("t");
    static final String OTHER = Names.unique("t");
    static final List<String> TENANTS = List.of(TENANT, OTHER);
    static final Duration WAIT = Duration.ofSeconds(90);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Says on stdout that it listens, and for every request one line on stdout and one on stderr. */
    static final String CHATTY = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            import java.nio.charset.StandardCharsets;

            public class Main {
                public static void main(String[] args) throws Exception {
                    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
                    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
                    server.createContext("/", exchange -> {
                        String path = exchange.getRequestURI().getPath();
                        System.out.println("served " + path);
                        System.err.println("warned " + path);
                        byte[] body = ("hello from " + System.getenv("HOSTNAME")).getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                    System.out.println("listening on " + port);
                }
            }
            """;

    static String chatty;
    static Events events;
    static String alice;
    static String carol;
    static String bob;

    @Inject
    Reconciler reconciler;

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void buildImageAndListen() {
        chatty = TestImages.build(CHATTY, "cloudunit-test/" + RUN + "-chatty:1", RUN);
        events = new Events(List.of(Events.topic(Topics.DEPLOYMENTS), Events.topic(Topics.INSTANCES)), TENANTS);
        TENANTS.forEach(tenant -> Members.add(tenant, "alice", "developer"));
        Members.add(TENANT, "carol", "viewer");
        alice = Tokens.of("alice");
        carol = Tokens.of("carol");
        bob = Tokens.of("bob");
    }

    @AfterAll
    static void tearDown() {
        TenantApps.purgeAfterClass(events, TENANTS, RUN, WAIT);
    }

    @Test
    void scaledUpToThreeThenDownToOneTheDeployerConvergesContainersAndInstanceRows() throws Exception {
        deploy(TENANT, "scaled", 1);

        long up = System.nanoTime();
        events.send(new AppEvent.Scaled(TENANT, "scaled", spec(3)));
        await().atMost(WAIT).until(() -> healthyRows(TENANT, "scaled") == 3);
        System.out.printf("scale 1 -> 3 converged (3 healthy instances) in %d ms%n", (System.nanoTime() - up) / 1_000_000);
        assertThat(running(TENANT, "scaled")).containsExactly(name("scaled", 1, 1), name("scaled", 1, 2),
                name("scaled", 1, 3));
        Set<String> answered = new HashSet<>();
        for (int n = 1; n <= 3; n++) {
            String body = httpGet("http://" + ipOf(name("scaled", 1, n)) + ":8080/");
            assertThat(body).startsWith("200 hello from");
            answered.add(body);
        }
        assertThat(answered).as("three distinct containers answer").hasSize(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> instanceEvents(TENANT, "scaled", "instance.started").size() == 3);

        long down = System.nanoTime();
        events.send(new AppEvent.Scaled(TENANT, "scaled", spec(1)));
        await().atMost(WAIT).until(() -> running(TENANT, "scaled").equals(List.of(name("scaled", 1, 1))));
        System.out.printf("scale 3 -> 1 converged in %d ms%n", (System.nanoTime() - down) / 1_000_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> healthyRows(TENANT, "scaled") == 1);
        assertThat(Db.count("select count(*) from deployer.instance where tenant = ? and app = 'scaled'", TENANT))
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                instanceEvents(TENANT, "scaled", "instance.stopped")).containsExactlyInAnyOrder(
                        name("scaled", 1, 2), name("scaled", 1, 3)));
        assertThat(Docker.containers("io.cloudunit.tenant=" + TENANT, "io.cloudunit.app=scaled"))
                .containsExactly(name("scaled", 1, 1));
    }

    @Test
    void instancesShowIdStateHealthRestartsStartNodeReleaseAndAddress() {
        deploy(TENANT, "listed", 2);
        String node = Docker.ok("info", "--format", "{{.Name}}");

        JsonPath list = given().auth().oauth2(carol).get(apps(TENANT, "listed") + "/instances")
                .then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("instance")).containsExactly(name("listed", 1, 1), name("listed", 1, 2));
        for (int i = 0; i < 2; i++) {
            String prefix = "[" + i + "].";
            JsonNode inspect = Docker.inspect("--type", "container", list.getString(prefix + "instance"));
            assertThat(inspect.get("Id").asText()).startsWith(list.getString(prefix + "id"));
            assertThat(list.getString(prefix + "id")).hasSize(12);
            assertThat(list.getString(prefix + "state")).isEqualTo("RUNNING");
            assertThat(list.getString(prefix + "health")).isEqualTo("healthy");
            assertThat(list.getBoolean(prefix + "healthy")).isTrue();
            assertThat(list.getInt(prefix + "restarts")).isEqualTo(inspect.get("RestartCount").asInt());
            assertThat(OffsetDateTime.parse(list.getString(prefix + "startedAt")))
                    .isEqualTo(OffsetDateTime.parse(inspect.at("/State/StartedAt").asText()));
            assertThat(list.getString(prefix + "node")).isEqualTo(node);
            assertThat(list.getInt(prefix + "version")).isEqualTo(1);
            assertThat(list.getString(prefix + "address"))
                    .isEqualTo(Docker.networkOf(list.getString(prefix + "instance"))
                            .at("/NetworkSettings/Networks/cu-net-" + TENANT + "/IPAddress").asText() + ":8080");
        }
    }

    @Test
    void stopRunsNothingUntilStartBringsTheSameReleaseBack() throws Exception {
        deploy(TENANT, "paused", 2);
        given().auth().oauth2(carol).post(apps(TENANT, "paused") + "/actions/stop").then().statusCode(403);

        given().auth().oauth2(alice).post(apps(TENANT, "paused") + "/actions/stop").then().statusCode(202)
                .header("Location", org.hamcrest.Matchers.endsWith(apps(TENANT, "paused") + "/instances"))
                .body("state", org.hamcrest.Matchers.is("stopped"))
                .body("release", org.hamcrest.Matchers.is(1));

        await().atMost(WAIT).until(() -> Docker.containers("io.cloudunit.tenant=" + TENANT, "io.cloudunit.app=paused")
                .isEmpty());
        assertThat(Db.count("select count(*) from deployer.instance where tenant = ? and app = 'paused'", TENANT))
                .isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                instanceEvents(TENANT, "paused", "instance.stopped")).containsExactlyInAnyOrder(
                        name("paused", 1, 1), name("paused", 1, 2)));
        assertThat(Db.string("select stopped::text from deployer.app_spec where tenant = ? and app = 'paused'", TENANT))
                .as("the desired state is in the database, so a restarted deployer keeps the app stopped")
                .isEqualTo("true");
        // A pass of the reconciler, and a new build, start nothing while the app is stopped.
        TenantApps.buildSucceeded(events, TENANT, "paused", 2, chatty);
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count("select count(*) from deployer.deployment where "
                + "tenant = ? and app = 'paused' and version = 2", TENANT) == 1);
        reconciler.pass();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> Docker.containers(
                "io.cloudunit.tenant=" + TENANT, "io.cloudunit.app=paused").isEmpty()
                && "PENDING".equals(deploymentStatus(TENANT, "paused", 2)));
        given().auth().oauth2(alice).post(apps(TENANT, "paused") + "/actions/restart").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("is stopped"));

        given().auth().oauth2(alice).post(apps(TENANT, "paused") + "/actions/start").then().statusCode(202)
                .body("state", org.hamcrest.Matchers.is("running"));

        // The start brings the release back, then the build that waited rolls out.
        await().atMost(WAIT).until(() -> "SUCCEEDED".equals(deploymentStatus(TENANT, "paused", 2)));
        await().atMost(WAIT).until(() -> running(TENANT, "paused").equals(List.of(name("paused", 2, 1),
                name("paused", 2, 2))));
        assertThat(httpGet("http://" + ipOf(name("paused", 2, 1)) + ":8080/")).startsWith("200 hello from");
        assertThat(instanceEvents(TENANT, "paused", "instance.started")).contains(name("paused", 2, 1),
                name("paused", 2, 2));
    }

    @Test
    void startAloneBringsTheCurrentReleaseBack() throws Exception {
        deploy(TENANT, "resumed", 1);
        given().auth().oauth2(alice).post(apps(TENANT, "resumed") + "/actions/stop").then().statusCode(202);
        await().atMost(WAIT).until(() -> running(TENANT, "resumed").isEmpty()
                && healthyRows(TENANT, "resumed") == 0);

        long start = System.nanoTime();
        given().auth().oauth2(alice).post(apps(TENANT, "resumed") + "/actions/start").then().statusCode(202)
                .body("release", org.hamcrest.Matchers.is(1));
        await().atMost(WAIT).until(() -> healthyRows(TENANT, "resumed") == 1);
        System.out.printf("start -> healthy instance in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertThat(running(TENANT, "resumed")).containsExactly(name("resumed", 1, 1));
        assertThat(httpGet("http://" + ipOf(name("resumed", 1, 1)) + ":8080/")).startsWith("200 hello from");
    }

    @Test
    void restartReplacesInstancesOneByOneAndTheAppKeepsServing() throws Exception {
        deploy(TENANT, "rolling", 2);
        Map<String, String> idsBefore = Map.of(name("rolling", 1, 1), containerId(name("rolling", 1, 1)),
                name("rolling", 1, 2), containerId(name("rolling", 1, 2)));

        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicInteger samples = new AtomicInteger();
        List<String> gaps = new CopyOnWriteArrayList<>();
        Thread watcher = new Thread(() -> {
            while (sampling.get()) {
                samples.incrementAndGet();
                if (!anyServingAnswers(TENANT, "rolling")) {
                    gaps.add(OffsetDateTime.now().toString());
                }
            }
        });
        watcher.start();
        String location;
        try {
            location = given().auth().oauth2(alice).post(apps(TENANT, "rolling") + "/actions/restart")
                    .then().statusCode(202)
                    .body("state", org.hamcrest.Matchers.is("restarting"))
                    .body("deploymentId", org.hamcrest.Matchers.notNullValue())
                    .extract().header("Location");
            String path = URI.create(location).getPath();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> List.of("SUCCEEDED", "FAILED")
                    .contains(given().auth().oauth2(alice).get(path).then().extract().path("status")));
            JsonPath restart = given().auth().oauth2(alice).get(path).then().statusCode(200).extract().jsonPath();
            assertThat(restart.getString("status")).as(restart.getString("reason")).isEqualTo("SUCCEEDED");
            assertThat(restart.getString("kind")).isEqualTo("RESTART");
            assertThat(restart.getInt("version")).isEqualTo(1);
        } finally {
            sampling.set(false);
            watcher.join();
        }
        assertThat(samples.get()).as("the app was watched throughout").isGreaterThan(5);
        assertThat(gaps).as("moments without any serving instance answering").isEmpty();
        for (Map.Entry<String, String> before : idsBefore.entrySet()) {
            assertThat(containerId(before.getKey())).as("%s was replaced", before.getKey()).isNotEqualTo(before.getValue());
        }
        assertThat(healthyRows(TENANT, "rolling")).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(instanceEvents(TENANT, "rolling", "instance.stopped")).containsExactly(name("rolling", 1, 1),
                    name("rolling", 1, 2));
            assertThat(instanceEvents(TENANT, "rolling", "instance.started")).containsExactly(name("rolling", 1, 1),
                    name("rolling", 1, 2), name("rolling", 1, 1), name("rolling", 1, 2));
        });
        List<String> deploymentEvents = events.about(TENANT + "/rolling").stream()
                .filter(s -> s.topic().equals(Events.topic(Topics.DEPLOYMENTS))).map(Events.Seen::shortType).toList();
        assertThat(deploymentEvents).containsExactly("release.created", "deployment.started", "deployment.succeeded",
                "deployment.started", "deployment.succeeded");
    }

    @Test
    void logsOfEveryInstanceTaggedWithInstanceAndStreamNeverAnotherTenants() throws Exception {
        deploy(TENANT, "talky", 2);
        deploy(OTHER, "talky", 1);
        String mine = name("talky", 1, 1);
        httpGet("http://" + ipOf(mine) + ":8080/mine");
        httpGet("http://" + ipOf(name("talky", 1, 2)) + ":8080/mine-too");
        String theirs = "cu-" + OTHER + "-talky-v1-1";
        httpGet("http://" + ipOf(theirs, OTHER) + ":8080/theirs");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String text = given().auth().oauth2(carol).get(apps(TENANT, "talky") + "/logs")
                    .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/plain"))
                    .extract().asString();
            assertThat(text).contains(mine + " stdout ").contains(mine + " stderr ")
                    .contains("served /mine").contains("warned /mine").contains("served /mine-too")
                    .contains(name("talky", 1, 2) + " stdout ").contains("listening on 8080")
                    .doesNotContain("/theirs").doesNotContain(OTHER);
            assertThat(text.lines().filter(l -> l.matches(mine + " stderr \\S+Z warned /mine"))).hasSize(1);
        });
        List<String> tail = given().auth().oauth2(carol).queryParam("tail", 2).get(apps(TENANT, "talky") + "/logs")
                .then().statusCode(200).extract().asString().lines().toList();
        assertThat(tail).hasSize(2);
        String ndjson = given().auth().oauth2(carol).accept("application/x-ndjson").queryParam("tail", 10000)
                .get(apps(TENANT, "talky") + "/logs").then().statusCode(200).extract().asString();
        List<JsonNode> lines = ndjson.lines().map(l -> EventJson.read(l, JsonNode.class)).toList();
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.get("instance").asText()).isEqualTo(mine);
            assertThat(l.get("stream").asText()).isEqualTo("stderr");
            assertThat(l.get("line").asText()).isEqualTo("warned /mine");
            assertThat(l.get("time").asText()).isNotBlank();
        });
        assertThat(lines).allSatisfy(l -> assertThat(l.get("instance").asText()).startsWith("cu-" + TENANT + "-talky-"));

        for (String bad : List.of("tail=-1", "tail=10001", "tail=ten", "follow=yes")) {
            given().auth().oauth2(carol).get(apps(TENANT, "talky") + "/logs?" + bad).then().statusCode(422)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(bob).get(apps(TENANT, "talky") + "/logs").then().statusCode(404);
        given().auth().oauth2(bob).get(apps(TENANT, "talky") + "/stats").then().statusCode(404);
        given().auth().oauth2(bob).get(apps(TENANT, "talky") + "/instances").then().statusCode(404);
        given().auth().oauth2(bob).post(apps(TENANT, "talky") + "/actions/stop").then().statusCode(404);
    }

    @Test
    void followedLogsStreamNewLinesAndInstancesThatJoinAsServerSentEvents() throws Exception {
        deploy(TENANT, "tailed", 1);
        HttpRequest request = HttpRequest.newBuilder(base.resolve(apps(TENANT, "tailed") + "/logs?follow=true&tail=1"))
                .header("Authorization", "Bearer " + carol).header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> seen = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readEvents(response, seen));
        reader.setDaemon(true);
        reader.start();
        try {
            long sent = System.nanoTime();
            httpGet("http://" + ipOf(name("tailed", 1, 1)) + ":8080/followed");
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(e ->
                    e.get("line").asText().equals("warned /followed") && e.get("stream").asText().equals("stderr")
                            && e.get("instance").asText().equals(name("tailed", 1, 1))));
            System.out.printf("a new log line reached the SSE follower in %d ms%n", (System.nanoTime() - sent) / 1_000_000);

            events.send(new AppEvent.Scaled(TENANT, "tailed", spec(2)));
            await().atMost(WAIT).until(() -> seen.stream().anyMatch(e ->
                    e.get("instance").asText().equals(name("tailed", 1, 2))
                            && e.get("line").asText().equals("listening on 8080")));
        } finally {
            response.body().close();
        }
    }

    @Test
    void statsSampleCpuMemoryAndNetworkPerInstanceAndInTotal() throws Exception {
        deploy(TENANT, "measured", 2);
        for (int i = 0; i < 5; i++) {
            httpGet("http://" + ipOf(name("measured", 1, 1)) + ":8080/load-" + i);
        }
        JsonPath stats = given().auth().oauth2(carol).get(apps(TENANT, "measured") + "/stats").then().statusCode(200)
                .extract().jsonPath();
        assertThat(stats.getList("instances.instance")).containsExactly(name("measured", 1, 1), name("measured", 1, 2));
        long limit = 128L * 1024 * 1024;
        long memory = 0;
        long rx = 0;
        for (int i = 0; i < 2; i++) {
            String u = "instances[" + i + "].usage.";
            assertThat(stats.getDouble(u + "cpuPercent")).isBetween(0.0, 100.0 * Runtime.getRuntime().availableProcessors());
            assertThat(stats.getLong(u + "memoryBytes")).isPositive().isLessThanOrEqualTo(limit);
            assertThat(stats.getLong(u + "memoryLimitBytes")).isEqualTo(limit);
            assertThat(stats.getLong(u + "networkRxBytes")).isPositive();
            memory += stats.getLong(u + "memoryBytes");
            rx += stats.getLong(u + "networkRxBytes");
        }
        assertThat(stats.getLong("instances[0].usage.networkTxBytes")).as("answered five requests").isGreaterThan(500);
        assertThat(stats.getLong("total.memoryBytes")).isEqualTo(memory);
        assertThat(stats.getLong("total.memoryLimitBytes")).isEqualTo(2 * limit);
        assertThat(stats.getLong("total.networkRxBytes")).isEqualTo(rx);
        System.out.printf("stats of 2 instances: %s%n", stats.prettify().replaceAll("\\s+", " "));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static void deploy(String tenant, String app, int replicas) {
        events.send(new AppEvent.Created(tenant, app, spec(replicas)));
        TenantApps.buildSucceeded(events, tenant, app, 1, chatty);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> "SUCCEEDED".equals(
                Db.string("select status from deployer.deployment where tenant = ? and app = ? and version = 1",
                        tenant, app)));
    }

    private static AppEvent.Spec spec(int replicas) {
        return new AppEvent.Spec("java", 128, 0.5, replicas, null);
    }

    private static String name(String app, int version, int n) {
        return "cu-" + TENANT + "-" + app + "-v" + version + "-" + n;
    }

    private static String apps(String tenant, String app) {
        return "/api/v1/tenants/" + tenant + "/apps/" + app;
    }

    private static String deploymentStatus(String tenant, String app, int version) {
        return Db.string("select status from deployer.deployment where tenant = ? and app = ? and version = ? "
                + "and kind = 'ROLLOUT'", tenant, app, version);
    }

    private static long healthyRows(String tenant, String app) {
        return Db.count("select count(*) from deployer.instance where tenant = ? and app = ? and healthy", tenant, app);
    }

    /** Names of the app's running containers, sorted. */
    private static List<String> running(String tenant, String app) {
        return Docker.containers("io.cloudunit.tenant=" + tenant, "io.cloudunit.app=" + app).stream()
                .filter(n -> {
                    JsonNode c = Docker.inspect("--type", "container", n);
                    return c != null && c.at("/State/Running").asBoolean();
                })
                .sorted().toList();
    }

    private static List<String> instanceEvents(String tenant, String app, String type) {
        return events.about(tenant + "/" + app, type).stream().map(s -> s.data().get("instance").asText()).toList();
    }

    private static String containerId(String name) {
        JsonNode c = Docker.inspect("--type", "container", name);
        return c == null ? null : c.get("Id").asText();
    }

    /** What the router would do: some instance the deployer calls healthy answers 200. */
    private static boolean anyServingAnswers(String tenant, String app) {
        List<String> addresses = new ArrayList<>();
        try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/cloudunit_test",
                "cloudunit", "cloudunit");
                var st = c.prepareStatement("select address from deployer.instance where tenant = ? and app = ? "
                        + "and healthy")) {
            st.setString(1, tenant);
            st.setString(2, app);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    addresses.add(rs.getString(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        for (String address : addresses) {
            try {
                if (httpGet("http://" + address + "/").startsWith("200")) {
                    return true;
                }
            } catch (IOException | InterruptedException e) {
                // the next one may answer
            }
        }
        return false;
    }

    private static void readEvents(HttpResponse<java.io.InputStream> response, List<JsonNode> seen) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    seen.add(EventJson.read(line.substring("data: ".length()), JsonNode.class));
                }
            }
        } catch (IOException closed) {
            // the test closed the stream
        }
    }

    private static String ipOf(String container) {
        return ipOf(container, TENANT);
    }

    private static String ipOf(String container, String tenant) {
        JsonNode inspect = Docker.networkOf(container);
        assertThat(inspect).as("container %s", container).isNotNull();
        return inspect.at("/NetworkSettings/Networks/cu-net-" + tenant + "/IPAddress").asText();
    }

    private static String httpGet(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
