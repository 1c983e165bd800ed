package io.cloudunit.deployer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
import io.cloudunit.platform.events.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Automatic rollback after a failed rollout and releases whose image left the engine (ADR 0027), against the real
 * engine: images built here, events through the real Kafka, state in PostgreSQL.
 */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class AutomaticRollbackTest {
    static final String RUN = Names.unique("deployer-");
    static final String TENANT = Names.unique("t");
    static final Duration ROLLOUT = Duration.ofSeconds(90);
    static final Duration EVENTS = Duration.ofSeconds(20);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Takes native memory 4 MB at a time, touching every byte, until the kernel kills it. */
    static final String HOG = """
            import java.lang.reflect.Field;

            public class Main {
                public static void main(String[] args) throws Exception {
                    Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                    field.setAccessible(true);
                    sun.misc.Unsafe unsafe = (sun.misc.Unsafe) field.get(null);
                    for (int mb = 4; ; mb += 4) {
                        long address = unsafe.allocateMemory(4L << 20);
                        unsafe.setMemory(address, 4L << 20, (byte) 1);
                        System.out.println("holding " + mb + " MB");
                    }
                }
            }
            """;

    static String hello;
    static String quitter;
    static Events events;
    static String developer;

    @BeforeAll
    static void buildImagesAndListen() {
        hello = TestImages.build(TestImages.HELLO, "cloudunit-test/" + RUN + "-hello:1", RUN);
        quitter = TestImages.build(TestImages.QUITTER, "cloudunit-test/" + RUN + "-quitter:1", RUN);
        events = new Events(List.of(Events.topic(Topics.DEPLOYMENTS)), List.of(TENANT));
        developer = Tokens.of("alice");
        Members.add(TENANT, "alice", "developer");
    }

    @AfterAll
    static void tearDown() {
        TenantApps.purgeAfterClass(events, List.of(TENANT), RUN, Duration.ofSeconds(90));
    }

    @Test
    void aFailedRolloutOfAnAppThatAsksIsRolledBackToTheReleaseThatServed() throws Exception {
        String app = "back";
        createApp(app, true);
        build(app, 1, hello);
        awaitDeployment(app, 1, "SUCCEEDED");
        String v1 = container(app, 1);

        build(app, 2, quitter);
        String failure = awaitDeployment(app, 2, "FAILED");
        assertThat(failure).contains("exit code 0", "nothing to serve, bye",
                "rolled back automatically: v3 runs v1's image and config again");
        awaitDeployment(app, 3, "SUCCEEDED");

        JsonPath list = releases(app);
        assertThat(list.getList("version")).containsExactly(3, 2, 1);
        assertThat(list.getString("[0].status")).isEqualTo("current");
        assertThat(list.getString("[0].image")).isEqualTo(hello);
        assertThat(list.getString("[0].actor")).isEqualTo("platform");
        assertThat(list.getInt("[0].rolledBackFrom")).isEqualTo(1);
        assertThat(list.getString("[0].reason")).isEqualTo("automatic rollback: v2 failed: instance "
                + container(app, 2) + " of v2 exited with exit code 0 before it answered on port 8080");
        assertThat(list.getString("[1].status")).isEqualTo("failed");
        assertThat(list.getString("[1].failure")).contains("exit code 0", "rolled back automatically");
        assertThat(list.getString("[2].status")).isEqualTo("previous");
        assertThat(httpGet(ipOf(container(app, 3)))).startsWith("200 hello from");
        await().atMost(Duration.ofSeconds(30)).until(() -> !Docker.exists(v1));

        String subject = TENANT + "/" + app;
        await().atMost(EVENTS).until(() -> events.about(subject, "deployment.succeeded").size() == 2);
        List<String> after = events.about(subject).stream()
                .filter(s -> s.data().path("version").asInt(-1) != 1 && s.data().path("fromVersion").asInt(-1) != 1)
                .map(Events.Seen::shortType).toList();
        assertThat(after).containsSubsequence("release.created", "deployment.started", "deployment.failed",
                "deployment.rolled-back", "release.created", "deployment.started", "deployment.succeeded");
        Events.Seen rolledBack = events.about(subject, "deployment.rolled-back").get(0);
        assertThat(rolledBack.data().get("fromVersion").asInt()).isEqualTo(2);
        assertThat(rolledBack.data().get("toVersion").asInt()).isEqualTo(3);
        assertThat(events.about(subject, "release.created").get(2).data().get("reason").asText())
                .startsWith("automatic rollback: v2 failed");
    }

    @Test
    void anAppThatDoesNotAskKeepsThePreviousReleaseServingAndNothingIsReleased() throws Exception {
        String app = "stay";
        createApp(app, false);
        build(app, 1, hello);
        awaitDeployment(app, 1, "SUCCEEDED");
        String v1Id = Docker.inspect("--type", "container", container(app, 1)).get("Id").asText();

        build(app, 2, quitter);
        String failure = awaitDeployment(app, 2, "FAILED");
        assertThat(failure).contains("exit code 0").doesNotContain("rolled back");

        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> Db.count(
                "select count(*) from deployer.release where tenant = ? and app = ?", TENANT, app) == 2);
        assertThat(Docker.inspect("--type", "container", container(app, 1)).get("Id").asText()).isEqualTo(v1Id);
        assertThat(events.about(TENANT + "/" + app, "deployment.rolled-back")).isEmpty();
        assertThat(releases(app).getList("status")).containsExactly("failed", "current");
    }

    @Test
    void noRollbackWhenTheImageOfTheReleaseThatServesIsGoneAndTheReasonSaysSo() throws Exception {
        String app = "bare";
        String image = servingV1(app, true);
        Docker.ok("rmi", "-f", image); // the tag goes; the running container keeps its image

        build(app, 2, quitter);
        String failure = awaitDeployment(app, 2, "FAILED");
        assertThat(failure).contains("not rolled back automatically: v1's image " + image
                + " is gone from the engine; upload the artifact again");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> Db.count(
                "select count(*) from deployer.release where tenant = ? and app = ?", TENANT, app) == 2);
        assertThat(releases(app).getList("status")).containsExactly("failed", "current");
        assertThat(httpGet(ipOf(container(app, 1)))).startsWith("200 hello from");
    }

    @Test
    void aFailingAutomaticRollbackIsNotRolledBackAgain() throws Exception {
        String app = "loop";
        String image = TestImages.build(TestImages.HELLO + "\n// loop\n", "cloudunit-test/" + RUN + "-loop:1", RUN);
        createApp(app, true);
        build(app, 1, image);
        awaitDeployment(app, 1, "SUCCEEDED");
        String v1Id = Docker.inspect("--type", "container", container(app, 1)).get("Id").asText();
        // v1's tag now names an image that cannot serve: rolling back to v1 fails too
        Docker.ok("tag", quitter, image);

        build(app, 2, quitter);
        assertThat(awaitDeployment(app, 2, "FAILED")).contains("rolled back automatically: v3");
        String again = awaitDeployment(app, 3, "FAILED");
        assertThat(again).contains("not rolled back automatically: v3 is itself an automatic rollback");

        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> Db.count(
                "select count(*) from deployer.release where tenant = ? and app = ?", TENANT, app) == 3);
        assertThat(releases(app).getList("status")).containsExactly("failed", "failed", "current");
        assertThat(Docker.inspect("--type", "container", container(app, 1)).get("Id").asText()).isEqualTo(v1Id);
        assertThat(httpGet(ipOf(container(app, 1)))).startsWith("200 hello from");
        assertThat(events.about(TENANT + "/" + app, "deployment.rolled-back")).hasSize(1);
    }

    @Test
    void anImageRemovedBehindThePlatformsBackIsMarkedOnATimerAndCannotBeDeployedAgain() throws Exception {
        String app = "sweep";
        String first = TestImages.build(TestImages.HELLO + "\n// s1\n", "cloudunit-test/" + RUN + "-sweep:1", RUN);
        String second = TestImages.build(TestImages.HELLO + "\n// s2\n", "cloudunit-test/" + RUN + "-sweep:2", RUN);
        createApp(app, false);
        BuildEvent.Succeeded b1 = build(app, 1, first);
        awaitDeployment(app, 1, "SUCCEEDED");
        build(app, 2, second);
        awaitDeployment(app, 2, "SUCCEEDED");
        await().atMost(Duration.ofSeconds(30)).until(() -> !Docker.exists(container(app, 1)));

        Docker.ok("rmi", first);
        Docker.ok("rmi", "-f", second); // v2's container still runs it: never marked
        // within the sweep's interval (2 s in tests), without anyone listing the releases
        await().atMost(Duration.ofSeconds(15)).until(() -> imageGone(app, 1));
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() -> !imageGone(app, 2));

        JsonPath list = releases(app);
        assertThat(list.getString("[1].status")).isEqualTo("image-gone");
        assertThat(list.getString("[0].status")).isEqualTo("current");
        given().auth().oauth2(developer).contentType(ContentType.JSON)
                .body("{\"buildId\": \"" + b1.buildId() + "\"}").post(apps(app) + "/releases").then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("build b1 cannot run again: its image " + first + " is gone"))
                .body("detail", containsString("upload the artifact again"));
        given().auth().oauth2(developer).contentType(ContentType.JSON).body("{\"version\": 1}")
                .post(apps(app) + "/rollback").then().statusCode(409)
                .body("detail", containsString("upload the artifact again"));
        assertThat(Db.count("select count(*) from deployer.release where tenant = ? and app = ?", TENANT, app))
                .isEqualTo(2);
    }

    @Test
    void anAppWhoseServingImageIsGoneAndThatNoLongerRunsSaysSoAndWhatToDo() throws Exception {
        String app = "orphan";
        String image = servingV1(app, false);
        assertThat(state(app).getString("state")).isEqualTo("running");

        Docker.ok("rmi", "-f", image); // the tag goes; the running container keeps its image
        assertThat(imageGone(app, 1)).as("the sweep leaves a release whose container runs alone").isFalse();
        Docker.ok("rm", "-f", container(app, 1)); // and then nothing can launch v1 again

        await().atMost(Duration.ofSeconds(30)).until(() -> "image-gone".equals(state(app).getString("state")));
        assertThat(state(app).getString("reason")).contains("the image of v1 (" + image + ") is gone from the engine",
                "deploy a build whose image is still there", "upload the artifact again");
        assertThat(imageGone(app, 1)).isTrue();
        assertThat(releases(app).getBoolean("[0].imageGone")).isTrue();
    }

    @Test
    void aReleaseKilledForRunningOutOfMemoryFailsSayingSoAndTheFirstHasNothingToRollBackTo() {
        String app = "hog";
        String image = TestImages.build("cloudunit-test/" + RUN + "-hog:1", RUN, "USER 10001:10001",
                Map.of("Main", HOG));
        Configs.set(TENANT, app, Map.of());
        events.send(new AppEvent.Created(TENANT, app, new AppEvent.Spec("java", 96, 0.5, 1, null, null, true)));
        build(app, 1, image);
        String failure = awaitDeployment(app, 1, "FAILED");
        assertThat(failure).contains("was killed for running out of memory (OOM: over its 96 MB limit",
                "raise memoryMb", "not rolled back automatically: no earlier release of the app has served");
    }

    // --- helpers -------------------------------------------------------------------------------------------

    static void createApp(String app, boolean autoRollback) {
        Configs.set(TENANT, app, Map.of());
        events.send(new AppEvent.Created(TENANT, app, new AppEvent.Spec("java", 128, 0.5, 1, "/", null,
                autoRollback)));
    }

    /** v1 of a new app, from an image of its own (a copy of the hello server), rolled out: that image. */
    static String servingV1(String app, boolean autoRollback) {
        String image = TestImages.build(TestImages.HELLO + "\n// " + app + "\n", "cloudunit-test/" + RUN + "-" + app
                + ":1", RUN);
        createApp(app, autoRollback);
        build(app, 1, image);
        awaitDeployment(app, 1, "SUCCEEDED");
        return image;
    }

    static BuildEvent.Succeeded build(String app, long number, String image) {
        BuildEvent.Succeeded build = new BuildEvent.Succeeded(TENANT, app, UUID.randomUUID(), number, image,
                "sha256:" + UUID.randomUUID(), null);
        events.send(build);
        return build;
    }

    /** Waits until the rollout of that release ended as expected; answers its reason (null when it succeeded). */
    static String awaitDeployment(String app, int version, String expected) {
        String sql = "select status from deployer.deployment where tenant = ? and app = ? and version = ?";
        await().atMost(ROLLOUT).pollInterval(Duration.ofMillis(250)).until(() -> Db.string(sql, TENANT, app, version),
                status -> "SUCCEEDED".equals(status) || "FAILED".equals(status));
        String reason = Db.string("select reason from deployer.deployment where tenant = ? and app = ? "
                + "and version = ?", TENANT, app, version);
        assertThat(Db.string(sql, TENANT, app, version)).as("v%d: %s", version, reason).isEqualTo(expected);
        return reason;
    }

    static boolean imageGone(String app, int version) {
        return Db.count("select count(*) from deployer.release where tenant = ? and app = ? and version = ? "
                + "and image_gone_at is not null", TENANT, app, version) == 1;
    }

    static JsonPath state(String app) {
        return given().auth().oauth2(developer).get(apps(app) + "/state").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath releases(String app) {
        return given().auth().oauth2(developer).get(apps(app) + "/releases").then().statusCode(200).extract()
                .jsonPath();
    }

    static String apps(String app) {
        return "/api/v1/tenants/" + TENANT + "/apps/" + app;
    }

    static String container(String app, int version) {
        return "cu-" + TENANT + "-" + app + "-v" + version + "-1";
    }

    static String ipOf(String container) {
        return Docker.networkOf(container).at("/NetworkSettings/Networks/cu-net-" + TENANT + "/IPAddress").asText();
    }

    static String httpGet(String ip) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/"))
                .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
