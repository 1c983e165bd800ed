package io.cloudunit.deployer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cloudunit.deployer.support.Configs;
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
import io.cloudunit.platform.events.BuildEvent;
import io.cloudunit.platform.events.ConfigEvent;
import io.cloudunit.platform.events.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Releases against the real engine (ADR 0022): config vars reach the containers, config and resource changes make
 * releases, rollback and deploying a chosen build, images gone, and the refusals.
 */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class ReleasesTest {
    static final String RUN = Names.unique("deployer-");
    static final String TENANT = Names.unique("t");
    static final String OTHER_TENANT = Names.unique("t");
    static final List<String> TENANTS = List.of(TENANT, OTHER_TENANT);
    static final Duration ROLLOUT = Duration.ofSeconds(90);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Answers GET /env/NAME with the value of environment variable NAME (404 when unset), 200 "ok" elsewhere. */
    static final String ENV_ECHO = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            import java.nio.charset.StandardCharsets;

            public class Main {
                public static void main(String[] args) throws Exception {
                    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
                    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
                    server.createContext("/", exchange -> {
                        String path = exchange.getRequestURI().getPath();
                        String value = path.startsWith("/env/") ? System.getenv(path.substring(5)) : "ok";
                        byte[] body = (value == null ? "unset" : value).getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(value == null ? 404 : 200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                }
            }
            """;

    static String echo1;
    static String echo2;
    static String doomed;
    static Events events;
    static String developer;
    static String viewer;

    @BeforeAll
    static void buildImagesAndListen() {
        echo1 = TestImages.build(ENV_ECHO, "cloudunit-test/" + RUN + "-echo:1", RUN);
        echo2 = TestImages.build(ENV_ECHO + "\n// build 2\n", "cloudunit-test/" + RUN + "-echo:2", RUN);
        doomed = TestImages.build(ENV_ECHO + "\n// doomed\n", "cloudunit-test/" + RUN + "-doomed:1", RUN);
        events = new Events(List.of(Events.topic(Topics.DEPLOYMENTS)), TENANTS);
        developer = Tokens.of("alice");
        viewer = Tokens.of("bob");
        TENANTS.forEach(tenant -> Members.add(tenant, "alice", "developer"));
        Members.add(TENANT, "bob", "viewer");
    }

    @AfterAll
    static void tearDown() {
        TenantApps.purgeAfterClass(events, TENANTS, RUN, Duration.ofSeconds(90));
    }

    @Test
    void configChangesRollbacksAndChosenBuildsEachMakeAReleaseThatRunsWhatItSnapshotted() throws Exception {
        String app = "cfg";
        // PORT in the app's vars must not move the port the platform checks and routes to
        Configs.set(TENANT, app, vars("GREETING", "hello", "PORT", "9999"));
        events.send(new AppEvent.Created(TENANT, app, new AppEvent.Spec("java", 128, 0.5, 1, "/health")));
        BuildEvent.Succeeded b1 = build(TENANT, app, 1, echo1);

        awaitSucceeded(TENANT, app, 1);
        assertThat(env(app, 1, "GREETING")).isEqualTo("200 hello");
        assertThat(env(app, 1, "PORT")).isEqualTo("200 8080");
        assertThat(Db.count("""
                select count(*) from deployer.release where tenant = ? and app = ? and version = 1
                and config_sealed is not null and position(convert_to('hello', 'UTF8') in config_sealed) = 0""",
                TENANT, app)).as("the snapshot is stored sealed").isEqualTo(1);

        Configs.set(TENANT, app, vars("GREETING", "bonjour"));
        events.send(new ConfigEvent.Changed(TENANT, app, List.of("GREETING", "PORT"), "alice"));
        awaitSucceeded(TENANT, app, 2);
        assertThat(env(app, 2, "GREETING")).isEqualTo("200 bonjour");
        JsonPath list = releases(app);
        assertThat(list.getInt("[0].version")).isEqualTo(2);
        assertThat(list.getString("[0].reason")).isEqualTo("config changed by alice");
        assertThat(list.getString("[0].actor")).isEqualTo("alice");
        assertThat(list.getString("[0].status")).isEqualTo("current");
        assertThat(list.getString("[0].image")).isEqualTo(echo1);
        assertThat(list.getString("[1].status")).isEqualTo("previous");
        assertThat(list.getString("[1].reason")).isEqualTo("build b1");

        JsonPath rollback = given().auth().oauth2(developer).contentType(ContentType.JSON).body("{\"version\": 1}")
                .post(apps(TENANT, app) + "/rollback").then().statusCode(202)
                .header("Location", containsString("/deployments/"))
                .body("version", is(3)).body("rolledBackFrom", is(1)).body("image", is(echo1))
                .body("reason", is("rollback to v1 by alice")).extract().jsonPath();
        assertThat(rollback.getString("deploymentId")).isNotBlank();
        awaitSucceeded(TENANT, app, 3);
        assertThat(env(app, 3, "GREETING")).as("v1's config came back with it").isEqualTo("200 hello");

        build(TENANT, app, 2, echo2);
        awaitSucceeded(TENANT, app, 4);
        assertThat(env(app, 4, "GREETING")).as("a build runs with the config as it is").isEqualTo("200 bonjour");

        given().auth().oauth2(developer).contentType(ContentType.JSON)
                .body("{\"buildId\": \"" + b1.buildId() + "\"}")
                .post(apps(TENANT, app) + "/releases").then().statusCode(202)
                .body("version", is(5)).body("image", is(echo1)).body("buildNumber", is(1))
                .body("reason", is("deploy of build b1 by alice"));
        awaitSucceeded(TENANT, app, 5);
        assertThat(env(app, 5, "GREETING")).isEqualTo("200 bonjour");

        events.send(new AppEvent.Scaled(TENANT, app, new AppEvent.Spec("java", 192, 0.5, 1, "/health"), "alice"));
        awaitSucceeded(TENANT, app, 6);
        assertThat(releases(app).getString("[0].reason")).isEqualTo("scaled to 192 MB, 0.5 cpus by alice");
        assertThat(Docker.inspect("--type", "container", container(app, 6)).at("/HostConfig/Memory").asLong())
                .isEqualTo(192L * 1024 * 1024);
        assertThat(env(app, 6, "GREETING")).isEqualTo("200 bonjour");

        // replicas alone: the reconciler adds an instance of the same release, no new release
        events.send(new AppEvent.Scaled(TENANT, app, new AppEvent.Spec("java", 192, 0.5, 2, "/health"), "alice"));
        await().atMost(ROLLOUT).until(() -> Docker.exists("cu-" + TENANT + "-" + app + "-v6-2"));
        assertThat(releases(app).getInt("size()")).isEqualTo(6);
    }

    @Test
    void aReleaseWhoseImageIsGoneIsMarkedAndCannotBeRolledBackTo() {
        String app = "gone";
        Configs.set(TENANT, app, vars());
        events.send(new AppEvent.Created(TENANT, app, new AppEvent.Spec("java", 128, 0.5, 1, "/health")));
        build(TENANT, app, 1, doomed);
        awaitSucceeded(TENANT, app, 1);
        build(TENANT, app, 2, echo2);
        awaitSucceeded(TENANT, app, 2);
        await().atMost(ROLLOUT).until(() -> !Docker.exists(container(app, 1)));
        Docker.ok("rmi", doomed);

        JsonPath list = releases(app);
        assertThat(list.getString("[1].status")).isEqualTo("image-gone");
        assertThat(list.getBoolean("[1].imageGone")).isTrue();
        assertThat(list.getString("[0].status")).isEqualTo("current");

        given().auth().oauth2(developer).contentType(ContentType.JSON).body("{\"version\": 1}")
                .post(apps(TENANT, app) + "/rollback").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("is gone"));
        assertThat(releases(app).getInt("size()")).as("nothing was released").isEqualTo(2);
    }

    @Test
    void onlyAKnownSuccessfulBuildOfTheAppCanBeDeployed() {
        String app = "picky";
        events.send(new AppEvent.Created(TENANT, app, new AppEvent.Spec("java", 128, 0.5, 1, "/health")));
        BuildEvent.Succeeded foreign = build(OTHER_TENANT, "theirs", 1, echo1);
        UUID failed = UUID.randomUUID();
        events.send(new BuildEvent.Failed(TENANT, app, failed, 2, "compilation failed"));
        UUID ofSibling = UUID.randomUUID();
        events.send(new BuildEvent.Queued(TENANT, "sibling", ofSibling, 1, "java", "sha256:x"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(
                "select count(*) from deployer.build_status where build_id in (?, ?, ?)", foreign.buildId(), failed,
                ofSibling) == 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(
                "select count(*) from deployer.app_spec where tenant = ? and app = ?", TENANT, app) == 1);

        String foreignDetail = deploy(app, foreign.buildId().toString(), developer, 404).getString("detail");
        String unknownDetail = deploy(app, UUID.randomUUID().toString(), developer, 404).getString("detail");
        assertThat(foreignDetail.replace(foreign.buildId().toString(), "?"))
                .as("another tenant's build looks like one that does not exist")
                .isEqualTo(unknownDetail.replaceAll("[0-9a-f-]{36}", "?"));
        assertThat(deploy(app, failed.toString(), developer, 422).getString("detail")).contains("b2", "failed");
        assertThat(deploy(app, ofSibling.toString(), developer, 422).getString("detail")).contains("'sibling'");
        assertThat(deploy(app, "not-a-uuid", developer, 422).getString("detail")).contains("UUID");
        deploy(app, UUID.randomUUID().toString(), viewer, 403);
        given().auth().oauth2(developer).contentType(ContentType.JSON).body("{\"version\": 42}")
                .post(apps(TENANT, app) + "/rollback").then().statusCode(404);
        given().auth().oauth2(developer).contentType(ContentType.JSON).body("{}")
                .post(apps(TENANT, app) + "/rollback").then().statusCode(422);
        given().auth().oauth2(viewer).get(apps(TENANT, app) + "/releases").then().statusCode(200);
        assertThat(Db.count("select count(*) from deployer.release where tenant = ? and app = ?", TENANT, app))
                .isZero();
    }

    static JsonPath deploy(String app, String buildId, String token, int status) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"buildId\": \"" + buildId + "\"}")
                .post(apps(TENANT, app) + "/releases").then().statusCode(status).extract().jsonPath();
    }

    static BuildEvent.Succeeded build(String tenant, String app, long number, String image) {
        BuildEvent.Succeeded build = new BuildEvent.Succeeded(tenant, app, UUID.randomUUID(), number, image,
                "sha256:" + UUID.randomUUID(), null);
        events.send(build);
        return build;
    }

    static void awaitSucceeded(String tenant, String app, int version) {
        await().atMost(ROLLOUT).pollInterval(Duration.ofMillis(250)).until(() -> Db.string(
                "select status from deployer.deployment where tenant = ? and app = ? and version = ?", tenant, app,
                version), status -> "SUCCEEDED".equals(status) || "FAILED".equals(status));
        assertThat(Db.string("select coalesce(reason, status) from deployer.deployment where tenant = ? and app = ? "
                + "and version = ?", tenant, app, version)).isEqualTo("SUCCEEDED");
    }

    static JsonPath releases(String app) {
        return given().auth().oauth2(developer).get(apps(TENANT, app) + "/releases").then().statusCode(200)
                .extract().jsonPath();
    }

    static String apps(String tenant, String app) {
        return "/api/v1/tenants/" + tenant + "/apps/" + app;
    }

    static String container(String app, int version) {
        return "cu-" + TENANT + "-" + app + "-v" + version + "-1";
    }

    /** What the instance of that release answers for the variable, asked on the tenant network's address. */
    static String env(String app, int version, String name) throws IOException, InterruptedException {
        String container = container(app, version);
        String ip = Docker.networkOf(container).at("/NetworkSettings/Networks/cu-net-" + TENANT + "/IPAddress")
                .asText();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/env/"
                + name)).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    static Map<String, String> vars(String... pairs) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            vars.put(pairs[i], pairs[i + 1]);
        }
        return vars;
    }
}
