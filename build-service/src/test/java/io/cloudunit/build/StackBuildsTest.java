package io.cloudunit.build;

import static io.cloudunit.build.support.Api.BUILDS;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudunit.build.support.Api;
import io.cloudunit.build.support.BuildsTopic;
import io.cloudunit.build.support.DockerCli;
import io.cloudunit.build.support.Jars;
import io.cloudunit.build.support.Names;
import io.cloudunit.build.support.Serving;
import io.cloudunit.build.support.StackInputs;
import io.cloudunit.build.support.Stub;
import io.cloudunit.build.support.TenantServiceStub;
import io.cloudunit.build.support.Tokens;
import io.cloudunit.platform.events.KafkaCloudEvents;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Each stack, end to end on the real engine: an upload the test makes becomes an image that serves. */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class StackBuildsTest {
    static final String TENANT = Names.unique("sb");

    @BeforeAll
    static void apps() {
        Stub.app(TENANT, "cat", "tomcat", "alice");
        Stub.app(TENANT, "site", "static", "alice");
        Stub.app(TENANT, "own", "dockerfile", "alice");
        Stub.app(TENANT, "ready", "image", "alice");
        Stub.app(TENANT, "modern", "java", "alice");
        Stub.app(TENANT, "origin", "static", "alice");
        Stub.app(TENANT, "promoted", "image", "alice");
    }

    @AfterAll
    static void removeImages() {
        DockerCli.removeTenant(TENANT);
    }

    @Test
    void aWarRunsAsRootOnTomcat() {
        String image = succeeds("cat", StackInputs.war(), "application/java-archive");
        assertThat(log("cat"), containsString("COPY app.war /usr/local/tomcat/webapps/ROOT.war"));
        assertThat(DockerCli.run("image", "inspect", "--format", "{{.Config.User}}", image), equalTo("10001:10001"));
        assertThat(Serving.get(image, TENANT, "/").body().trim(), equalTo(StackInputs.JSP_GREETING));
    }

    @Test
    void aSiteZippedInItsFolderIsServedFromItsRoot() {
        String image = succeeds("site", StackInputs.site(), "application/zip");
        assertThat(Serving.get(image, TENANT, "/").body(), containsString(StackInputs.SITE_GREETING));
        HttpResponse<String> css = Serving.get(image, TENANT, "/css/site.css");
        assertThat(css.headers().firstValue("Content-Type").orElse(""), startsWith("text/css"));
    }

    @Test
    void aDockerfileContextIsBuiltAsItIs() {
        String image = succeeds("own", StackInputs.context(baseImage("static", "cloudunit/static:1")),
                "application/x-tar");
        assertThat(Serving.get(image, TENANT, "/").body(), equalTo(StackInputs.CONTEXT_GREETING));
    }

    @Test
    void anImageOnTheEngineIsTaggedAsTheBuildWithoutRunningAnything() throws IOException {
        String source = "cu-test-" + TENANT + "/ready:1";
        Path dir = Files.createTempDirectory("image-stack");
        try {
            Files.writeString(dir.resolve("Dockerfile"), "FROM " + baseImage("static", "cloudunit/static:1")
                    + "\nCOPY index.html /usr/share/nginx/html/\n");
            Files.writeString(dir.resolve("index.html"), "ready-made");
            DockerCli.build(dir, source, TENANT);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (BuildsTopic topic = new BuildsTopic()) {
            JsonNode done = imageBuild("ready", source);
            String id = done.path("id").asText();
            String image = done.path("image").asText();
            assertThat(DockerCli.label(image, "io.cloudunit.build"), equalTo(id));
            assertThat("the platform's labels make it an image of its own", done.path("imageId").asText(),
                    not(equalTo(imageId(source))));
            assertThat(Serving.get(image, TENANT, "/").body(), equalTo("ready-made"));
            List<ConsumerRecord<String, String>> events = await().atMost(Duration.ofSeconds(60))
                    .until(() -> topic.poll(TENANT + "/ready").stream().filter(r -> r.value().contains(id)).toList(),
                            list -> list.size() >= 3);
            assertThat(events.stream().map(r -> BuildsTopic.header(r, KafkaCloudEvents.TYPE)).toList(), contains(
                    "io.cloudunit.build.queued", "io.cloudunit.build.started", "io.cloudunit.build.succeeded"));
        }
    }

    @Test
    void anImageBuiltForTheTenantIsOnlyNamedForTheBuild() {
        String origin = succeeds("origin", StackInputs.site(), "application/zip");
        JsonNode done = imageBuild("promoted", origin);
        String image = done.path("image").asText();
        assertThat("no image of its own: the tenant's image under a second name", done.path("imageId").asText(),
                equalTo(imageId(origin)));
        assertThat(DockerCli.label(image, "io.cloudunit.tenant"), equalTo(TENANT));
        assertThat(log("promoted"), containsString("no new image, only its name " + image));
        assertThat(Serving.get(image, TENANT, "/").body(), containsString(StackInputs.SITE_GREETING));
    }

    @Test
    void aJarCompiledForANewerJavaRunsOnJava25() {
        String image = succeeds("modern", Jars.runnableHelloCompiledFor(69), "application/java-archive");
        assertThat(log("modern"), containsString("FROM " + baseImage("java25", "cloudunit/jre:25")));
        assertThat(Serving.get(image, TENANT, "/").body(), equalTo(Jars.GREETING));
    }

    /** Uploads, waits for success, checks the tag and labels; answers the image. */
    private static String succeeds(String app, byte[] body, String contentType) {
        String id = Api.upload(TENANT, app, body, contentType).then().statusCode(202).extract().path("id");
        JsonNode done = Api.awaitFinished(TENANT, app, id);
        assertThat(done.toString(), done.path("status").asText(), equalTo("succeeded"));
        String image = "cloudunit/" + TENANT + "/" + app + ":b" + done.path("number").asLong();
        assertThat(done.path("image").asText(), equalTo(image));
        assertThat(DockerCli.label(image, "io.cloudunit.tenant"), equalTo(TENANT));
        assertThat(DockerCli.label(image, "io.cloudunit.app"), equalTo(app));
        assertThat(DockerCli.label(image, "io.cloudunit.build"), equalTo(id));
        return image;
    }

    /** Stack image: builds the app's first build from {@code reference}, waits for success; answers the build. */
    private static JsonNode imageBuild(String app, String reference) {
        String id = Api.upload(TENANT, app, StackInputs.imageBody(reference), "application/json")
                .then().statusCode(202).extract().path("id");
        JsonNode done = Api.awaitFinished(TENANT, app, id);
        assertThat(done.toString(), done.path("status").asText(), equalTo("succeeded"));
        assertThat(done.path("id").asText(), equalTo(id));
        assertThat(done.path("image").asText(), equalTo("cloudunit/" + TENANT + "/" + app + ":b1"));
        return done;
    }

    private static String imageId(String reference) {
        return DockerCli.run("image", "inspect", "--format", "{{.Id}}", reference);
    }

    private static String log(String app) {
        String id = given().auth().oauth2(Tokens.of("alice")).get(BUILDS, TENANT, app)
                .then().statusCode(200).extract().path("[0].id");
        return given().auth().oauth2(Tokens.of("alice")).get(BUILDS + "/{id}/log", TENANT, app, id)
                .then().statusCode(200).extract().asString();
    }

    private static String baseImage(String stack, String fallback) {
        return ConfigProvider.getConfig().getOptionalValue("cloudunit.build.base-images." + stack, String.class)
                .orElse(fallback);
    }
}
