package io.cloudunit.build;

import static io.cloudunit.build.support.Api.BUILDS;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudunit.build.support.Api;
import io.cloudunit.build.support.BuildsTopic;
import io.cloudunit.build.support.Db;
import io.cloudunit.build.support.DockerCli;
import io.cloudunit.build.support.Jars;
import io.cloudunit.build.support.Names;
import io.cloudunit.build.support.Stub;
import io.cloudunit.build.support.TenantServiceStub;
import io.cloudunit.build.support.Tokens;
import io.cloudunit.platform.events.KafkaCloudEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The happy path end to end: upload → queued → started → succeeded, a real image that really serves. */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class BuildLifecycleTest {
    static final String TENANT = Names.unique("bl");
    static final String APP = "hello";

    @BeforeAll
    static void apps() {
        Stub.app(TENANT, APP, "java", "alice");
        Stub.app(TENANT, "other", "java", "alice");
    }

    @AfterAll
    static void removeImages() {
        DockerCli.removeTenant(TENANT);
    }

    @Test
    void aRunnableJarBecomesAnImageThatServes() throws Exception {
        try (BuildsTopic topic = new BuildsTopic()) {
            Response queued = Api.upload(TENANT, APP, Jars.runnableHello());
            queued.then().statusCode(202)
                    .header("Location", matchesPattern("/api/v1/tenants/" + TENANT + "/apps/" + APP
                            + "/builds/[0-9a-f-]{36}"))
                    .body("status", equalTo("queued"))
                    .body("tenant", equalTo(TENANT))
                    .body("app", equalTo(APP))
                    .body("number", equalTo(1))
                    .body("createdAt", not(emptyString()));
            String id = queued.jsonPath().getString("id");
            assertThat(queued.header("Location"), endsWith(id));
            assertThat("the build row", Db.count("select count(*) from build where id = ?::uuid", id), equalTo(1L));
            assertThat("its build.queued outbox row, committed with it", Db.count("select count(*) from outbox "
                    + "where type = 'io.cloudunit.build.queued' and payload like ?", "%" + id + "%"), equalTo(1L));
            assertThat("the caller's token was forwarded", Stub.authorizations(), hasItem(Tokens.bearer("alice")));

            JsonNode done = Api.awaitFinished(TENANT, APP, id);
            assertThat(done.toString(), done.path("status").asText(), equalTo("succeeded"));
            String image = "cloudunit/" + TENANT + "/" + APP + ":b1";
            assertThat(done.path("image").asText(), equalTo(image));
            assertThat(done.path("imageId").asText(), startsWith("sha256:"));
            assertThat(done.path("reason").isNull(), equalTo(true));
            assertThat(done.path("startedAt").asText(), not(emptyString()));
            assertThat(done.path("finishedAt").asText(), not(emptyString()));

            assertThat(DockerCli.run("image", "inspect", "--format", "{{.Id}}", image),
                    equalTo(done.path("imageId").asText()));
            assertThat(DockerCli.label(image, "io.cloudunit.managed"), equalTo("true"));
            assertThat(DockerCli.label(image, "io.cloudunit.tenant"), equalTo(TENANT));
            assertThat(DockerCli.label(image, "io.cloudunit.app"), equalTo(APP));
            assertThat(DockerCli.label(image, "io.cloudunit.build"), equalTo(id));
            assertThat(DockerCli.run("image", "inspect", "--format", "{{.Config.User}}", image),
                    equalTo("10001:10001"));

            assertServes(image);
            assertEventsInOrder(topic, id, done.path("imageId").asText(), image);

            String log = given().auth().oauth2(Tokens.of("alice"))
                    .get(BUILDS + "/{id}/log", TENANT, APP, id)
                    .then().statusCode(200).contentType(startsWith("text/plain")).extract().asString();
            assertThat(log, containsString("build #1 of " + TENANT + "/" + APP));
            assertThat(log, containsString("COPY app.jar /app/app.jar"));
            assertThat(log, containsString("built image " + image));
            try (var left = Files.list(Api.dataDir().resolve("contexts"))) {
                assertThat("build contexts are cleaned", left.toList(), equalTo(List.of()));
            }
        }
    }

    @Test
    void theSameJarTwiceIsStoredOnceAndBuildsAreListedNewestFirst() throws Exception {
        byte[] jar = Jars.runnableHello();
        String sha = Api.sha256(jar);
        String first = Api.upload(TENANT, "other", jar).then().statusCode(202).extract().path("id");
        String second = Api.upload(TENANT, "other", jar).then().statusCode(202).extract().path("id");

        try (var stored = Files.list(Api.dataDir().resolve("artifacts"))) {
            assertThat(stored.filter(p -> p.getFileName().toString().equals(sha)).count(), equalTo(1L));
        }
        assertThat(Db.column("select artifact_sha256 from build where tenant = ? and app = 'other'", TENANT),
                equalTo(List.of(sha, sha)));
        Api.awaitFinished(TENANT, "other", first);
        Api.awaitFinished(TENANT, "other", second);

        given().auth().oauth2(Tokens.of("alice")).get(BUILDS, TENANT, "other")
                .then().statusCode(200)
                .body("id", contains(second, first))
                .body("number", contains(2, 1))
                .body("status", contains("succeeded", "succeeded"));
    }

    @Test
    void aBuildIsOnlyVisibleUnderItsOwnAppToMembers() {
        String id = Api.upload(TENANT, APP, Jars.runnableHello()).then().statusCode(202).extract().path("id");
        given().auth().oauth2(Tokens.of("alice")).get(BUILDS + "/{id}", TENANT, "other", id)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("alice")).get(BUILDS + "/{id}", TENANT, APP, UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", startsWith("build not found"));
        given().auth().oauth2(Tokens.of("alice")).get(BUILDS + "/{id}", TENANT, APP, "not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
        // bob is no member of the tenant: tenant-service says 404, and so does the build-service
        given().auth().oauth2(Tokens.of("bob")).get(BUILDS + "/{id}", TENANT, APP, id)
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", startsWith("app not found"));
        given().auth().oauth2(Tokens.of("bob")).get(BUILDS + "/{id}/log", TENANT, APP, id)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.of("bob")).get(BUILDS, TENANT, APP)
                .then().statusCode(404);
        Api.awaitFinished(TENANT, APP, id);
    }

    private static void assertServes(String image) throws IOException, InterruptedException {
        String container = DockerCli.run("run", "-d", "--label", DockerCli.TEST_LABEL,
                "--label", "io.cloudunit.tenant=" + TENANT, "--cap-drop", "ALL",
                "--security-opt", "no-new-privileges", "--memory", "256m", "-p", "127.0.0.1::8080", image);
        try {
            String address = DockerCli.run("port", container, "8080/tcp").lines().findFirst().orElseThrow();
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + "/"))
                    .timeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> response = await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> http.send(request, HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == 200);
            assertThat(response.body(), equalTo(Jars.GREETING));
        } finally {
            DockerCli.run("rm", "-f", container);
        }
    }

    private static void assertEventsInOrder(BuildsTopic topic, String id, String imageId, String image) {
        List<ConsumerRecord<String, String>> events = await().atMost(Duration.ofSeconds(60))
                .until(() -> topic.poll(TENANT + "/" + APP).stream()
                        .filter(r -> r.value().contains(id)).toList(), list -> list.size() >= 3);
        assertThat(events.stream().map(r -> BuildsTopic.header(r, KafkaCloudEvents.TYPE)).toList(), contains(
                "io.cloudunit.build.queued", "io.cloudunit.build.started", "io.cloudunit.build.succeeded"));
        for (ConsumerRecord<String, String> event : events) {
            assertThat(BuildsTopic.header(event, KafkaCloudEvents.SPEC_VERSION), equalTo("1.0"));
            assertThat(BuildsTopic.header(event, KafkaCloudEvents.SOURCE), equalTo("/services/build-service"));
            assertThat(BuildsTopic.header(event, KafkaCloudEvents.SUBJECT), equalTo(TENANT + "/" + APP));
            assertThat(BuildsTopic.header(event, KafkaCloudEvents.TENANT), equalTo(TENANT));
            assertThat(UUID.fromString(BuildsTopic.header(event, KafkaCloudEvents.ID)).toString(),
                    equalTo(BuildsTopic.header(event, KafkaCloudEvents.ID)));
            assertThat(BuildsTopic.header(event, KafkaCloudEvents.TIME), not(emptyString()));
            assertThat(BuildsTopic.header(event, KafkaCloudEvents.CONTENT_TYPE), equalTo("application/json"));
        }
        JsonNode succeeded = Api.json(events.get(2).value());
        assertThat(succeeded.path("buildId").asText(), equalTo(id));
        assertThat(succeeded.path("number").asLong(), equalTo(1L));
        assertThat(succeeded.path("image").asText(), equalTo(image));
        assertThat(succeeded.path("imageId").asText(), equalTo(imageId));
        assertThat(succeeded.path("digest").asText(), equalTo(imageId));
    }
}
