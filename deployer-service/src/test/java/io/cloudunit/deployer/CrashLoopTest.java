package io.cloudunit.deployer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
import io.cloudunit.platform.events.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Crashes from the engine's event stream against the real engine (ADR 0025): a crash loop backs off and ends with
 * the app crashed, an OOM kill says so, an out-of-band kill is replaced, and the platform's own stops are no crash.
 * Test profile: back-off 200 ms doubling up to 2 s, crashed after 8 crashes within 2 min.
 */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class CrashLoopTest {
    static final String RUN = Names.unique("crash-");
    static final String TENANT = Names.unique("t");
    static final Duration WAIT = Duration.ofSeconds(90);
    static final int MAX_CRASHES = 8;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Serves until GET /crash (or /oom); from then on every start of the same container fails at once. */
    static final String FRAGILE = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            import java.nio.file.Files;
            import java.nio.file.Path;

            public class Main {
                static final Path CRASHED = Path.of(System.getProperty("java.io.tmpdir"), "crashed");
                static final Path HOG = Path.of(System.getProperty("java.io.tmpdir"), "hog");

                public static void main(String[] args) throws Exception {
                    if (Files.exists(HOG)) {
                        System.out.println("eating memory again");
                        hog();
                    }
                    if (Files.exists(CRASHED)) {
                        System.out.println("crashing again");
                        System.exit(3);
                    }
                    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
                    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
                    server.createContext("/", exchange -> {
                        String path = exchange.getRequestURI().getPath();
                        Path marker = path.equals("/crash") ? CRASHED : path.equals("/oom") ? HOG : null;
                        if (marker != null) {
                            Files.writeString(marker, "x");
                        }
                        exchange.sendResponseHeaders(200, -1);
                        exchange.close();
                        if (marker != null) {
                            new Thread(() -> {
                                try {
                                    Thread.sleep(100);
                                    if (marker == HOG) {
                                        hog();
                                    }
                                } catch (Exception e) {
                                    throw new RuntimeException(e);
                                }
                                System.out.println("crashing");
                                System.exit(3);
                            }).start();
                        }
                    });
                    server.start();
                    System.out.println("listening on " + port);
                }

                static void hog() throws Exception {
                    Class<?> type = Class.forName("sun.misc.Unsafe");
                    java.lang.reflect.Field field = type.getDeclaredField("theUnsafe");
                    field.setAccessible(true);
                    Object unsafe = field.get(null);
                    java.lang.reflect.Method allocate = type.getMethod("allocateMemory", long.class);
                    java.lang.reflect.Method fill = type.getMethod("setMemory", long.class, long.class, byte.class);
                    while (true) {
                        long address = (long) allocate.invoke(unsafe, 8L << 20);
                        fill.invoke(unsafe, address, 8L << 20, (byte) 1);
                    }
                }
            }
            """;

    static String fragile;
    static String hello;
    static Events events;
    static String alice;

    @BeforeAll
    static void buildImagesAndListen() {
        fragile = TestImages.build(FRAGILE, "cloudunit-test/" + RUN + "-fragile:1", RUN);
        hello = TestImages.build(TestImages.HELLO, "cloudunit-test/" + RUN + "-hello:1", RUN);
        events = new Events(List.of(Events.topic(Topics.DEPLOYMENTS), Events.topic(Topics.INSTANCES)),
                List.of(TENANT));
        Members.add(TENANT, "alice", "developer");
        alice = Tokens.of("alice");
    }

    @AfterAll
    static void tearDown() {
        TenantApps.purgeAfterClass(events, List.of(TENANT), RUN, WAIT);
    }

    @Test
    void aCrashLoopBacksOffThenTheAppIsCrashedAndNothingRelaunchesItUntilAGoodDeploy() throws Exception {
        deploy("loop", 1, fragile);
        String name = name("loop", 1, 1);
        get("http://" + ipOf(name) + ":8080/crash");

        await().atMost(WAIT).until(() -> Db.string(
                "select crashed_at::text from deployer.app_spec where tenant = ? and app = 'loop'", TENANT) != null);
        // The two topics are read in no particular order between them (as for the OOM case below).
        await().atMost(Duration.ofSeconds(20)).until(() -> !events.about(TENANT + "/loop", "app.crashed").isEmpty()
                && events.about(TENANT + "/loop", "instance.crashed").size() >= MAX_CRASHES);
        List<Events.Seen> crashes = events.about(TENANT + "/loop", "instance.crashed");
        crashes.forEach(c -> {
            assertThat(c.data().get("exitCode").asInt()).isEqualTo(3);
            assertThat(c.data().get("instance").asText()).isEqualTo(name);
        });
        List<OffsetDateTime> times = crashes.stream().map(c -> OffsetDateTime.parse(c.time())).toList();
        long firstGap = Duration.between(times.get(0), times.get(1)).toMillis();
        long longestGap = 0;
        for (int i = 1; i < times.size(); i++) {
            longestGap = Math.max(longestGap, Duration.between(times.get(i - 1), times.get(i)).toMillis());
        }
        System.out.printf("crash loop: %d crashes, gaps from %d ms to %d ms%n", crashes.size(), firstGap, longestGap);
        assertThat(longestGap).as("the relaunches back off").isGreaterThan(firstGap * 2).isGreaterThanOrEqualTo(1500);

        String reason = events.about(TENANT + "/loop", "app.crashed").get(0).data().get("reason").asText();
        assertThat(reason).contains("exited with code 3").contains("crashing again").contains("actions/restart");

        // Nothing relaunches it: the container stays exited, no further crash.
        String startedAt = Docker.inspect("--type", "container", name).at("/State/StartedAt").asText();
        int seen = events.about(TENANT + "/loop", "instance.crashed").size();
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() ->
                events.about(TENANT + "/loop", "instance.crashed").size() == seen
                        && !Docker.inspect("--type", "container", name).at("/State/Running").asBoolean()
                        && startedAt.equals(Docker.inspect("--type", "container", name).at("/State/StartedAt").asText()));

        JsonPath state = given().auth().oauth2(alice).get(apps("loop") + "/state").then().statusCode(200)
                .extract().jsonPath();
        assertThat(state.getString("state")).isEqualTo("crashed");
        assertThat(state.getString("crashReason")).isEqualTo(reason);
        assertThat(state.getInt("release")).isEqualTo(1);
        assertThat(given().get("/internal/routes").then().statusCode(200).extract().jsonPath()
                .getString("find { it.app == 'loop' && it.tenant == '" + TENANT + "' }.state")).isEqualTo("crashed");
        assertThat(given().auth().oauth2(alice).get(apps("loop") + "/instances").then().statusCode(200)
                .extract().jsonPath().getString("[0].state")).isEqualTo("EXITED");

        // A good build clears it.
        TenantApps.buildSucceeded(events, TENANT, "loop", 2, hello);
        await().atMost(WAIT).until(() -> "SUCCEEDED".equals(Db.string(
                "select status from deployer.deployment where tenant = ? and app = 'loop' and version = 2", TENANT)));
        given().auth().oauth2(alice).get(apps("loop") + "/state").then().statusCode(200)
                .body("state", org.hamcrest.Matchers.is("running"))
                .body("release", org.hamcrest.Matchers.is(2));
        assertThat(get("http://" + ipOf(name("loop", 2, 1)) + ":8080/")).isEqualTo(200);
    }

    @Test
    void anOomKilledInstanceIsReportedAsSuchAndTheReasonSaysToRaiseMemory() throws Exception {
        deploy("hog", 1, fragile);
        get("http://" + ipOf(name("hog", 1, 1)) + ":8080/oom");

        // app.crashed (deployments topic) may be read before the last instance.oom-killed (instances topic):
        // Kafka orders records within a partition only.
        await().atMost(WAIT).until(() -> !events.about(TENANT + "/hog", "app.crashed").isEmpty()
                && events.about(TENANT + "/hog", "instance.oom-killed").size() >= MAX_CRASHES);
        List<Events.Seen> kills = events.about(TENANT + "/hog", "instance.oom-killed");
        assertThat(kills.get(0).data().get("instance").asText()).isEqualTo(name("hog", 1, 1));
        assertThat(events.about(TENANT + "/hog", "instance.crashed")).isEmpty();
        assertThat(Db.count("select count(*) from deployer.instance_crash where tenant = ? and app = 'hog' "
                + "and oom_killed and exit_code = 137", TENANT)).isEqualTo(kills.size());
        String reason = events.about(TENANT + "/hog", "app.crashed").get(0).data().get("reason").asText();
        assertThat(reason).contains("OOM").contains("128 MB").contains("memoryMb").contains("eating memory again");
    }

    @Test
    void anInstanceKilledBehindThePlatformsBackIsACrashAndIsReplaced() throws Exception {
        deploy("victim", 1, hello);
        String name = name("victim", 1, 1);
        String before = Docker.inspect("--type", "container", name).at("/State/StartedAt").asText();

        Docker.ok("kill", name);

        await().atMost(Duration.ofSeconds(20)).until(() -> events.about(TENANT + "/victim", "instance.crashed").size() == 1);
        assertThat(events.about(TENANT + "/victim", "instance.crashed").get(0).data().get("exitCode").asInt())
                .isEqualTo(137);
        await().atMost(Duration.ofSeconds(30)).until(() -> events.about(TENANT + "/victim", "instance.started").size() == 2);
        assertThat(Docker.inspect("--type", "container", name).at("/State/StartedAt").asText()).isNotEqualTo(before);
        assertThat(get("http://" + ipOf(name) + ":8080/")).isEqualTo(200);
        assertThat(Db.count("select count(*) from deployer.instance where name = ? and healthy", name)).isEqualTo(1);
        assertThat(events.about(TENANT + "/victim", "instance.crashed")).as("one kill, one crash").hasSize(1);
    }

    @Test
    void thePlatformsOwnStopsAreNoCrashes() throws Exception {
        deploy("calm", 2, hello);
        events.send(new AppEvent.Scaled(TENANT, "calm", new AppEvent.Spec("java", 128, 0.5, 1, null)));
        await().atMost(WAIT).until(() -> !Docker.exists(name("calm", 1, 2)));

        given().auth().oauth2(alice).post(apps("calm") + "/actions/stop").then().statusCode(202);
        await().atMost(WAIT).until(() -> !Docker.exists(name("calm", 1, 1)));
        await().atMost(Duration.ofSeconds(20)).until(() -> events.about(TENANT + "/calm", "instance.stopped").size() == 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> events.about(TENANT + "/calm", "app.stopped").size() == 1);
        given().auth().oauth2(alice).get(apps("calm") + "/state").then().statusCode(200)
                .body("state", org.hamcrest.Matchers.is("stopped"));
        assertThat(given().get("/internal/routes").then().statusCode(200).extract().jsonPath()
                .getString("find { it.app == 'calm' && it.tenant == '" + TENANT + "' }.state")).isEqualTo("stopped");

        given().auth().oauth2(alice).post(apps("calm") + "/actions/start").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> events.about(TENANT + "/calm", "app.started").size() == 1);
        await().atMost(WAIT).until(() -> Db.count(
                "select count(*) from deployer.instance where tenant = ? and app = 'calm' and healthy", TENANT) == 1);
        assertThat(events.about(TENANT + "/calm", "instance.crashed")).isEmpty();
        assertThat(events.about(TENANT + "/calm", "instance.oom-killed")).isEmpty();
        assertThat(Db.count("select count(*) from deployer.instance_crash where tenant = ? and app = 'calm'", TENANT))
                .isZero();
    }

    private static void deploy(String app, int replicas, String image) {
        events.send(new AppEvent.Created(TENANT, app, new AppEvent.Spec("java", 128, 0.5, replicas, null)));
        TenantApps.buildSucceeded(events, TENANT, app, 1, image);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> "SUCCEEDED".equals(Db.string(
                "select status from deployer.deployment where tenant = ? and app = ? and version = 1", TENANT, app)));
    }

    private static String name(String app, int version, int n) {
        return "cu-" + TENANT + "-" + app + "-v" + version + "-" + n;
    }

    private static String apps(String app) {
        return "/api/v1/tenants/" + TENANT + "/apps/" + app;
    }

    private static String ipOf(String container) {
        return Docker.networkOf(container).at("/NetworkSettings/Networks/cu-net-" + TENANT + "/IPAddress").asText();
    }

    private static int get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
