package io.cloudunit.build;

import static io.cloudunit.build.support.Api.BUILDS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudunit.build.support.Api;
import io.cloudunit.build.support.DockerCli;
import io.cloudunit.build.support.Jars;
import io.cloudunit.build.support.Names;
import io.cloudunit.build.support.Serving;
import io.cloudunit.build.support.Stub;
import io.cloudunit.build.support.TenantServiceStub;
import io.cloudunit.build.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The app's javaVersion picks the base image (ADR 0020), on the real engine. */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class JavaVersionBuildsTest {
    static final String TENANT = Names.unique("jv");

    @BeforeAll
    static void apps() {
        Stub.app(TENANT, "on25", "java", "alice", 25);
        Stub.app(TENANT, "on17", "java", "alice", 17);
        Stub.app(TENANT, "auto", "java", "alice");
    }

    @AfterAll
    static void removeImages() {
        DockerCli.removeTenant(TENANT);
    }

    @Test
    void aJarBuiltForJava17OnAnAppPinnedTo25RunsOnTheJava25Base() {
        JsonNode done = succeeds("on25", Jars.runnableHello("pinned to 25"));
        assertThat(done.path("javaVersion").asInt(), equalTo(25));
        String image = done.path("image").asText();
        assertThat(log("on25", done.path("id").asText()), containsString("FROM " + baseImage("java25", "cloudunit/jre:25")));
        String version = DockerCli.run("run", "--rm", "--label", DockerCli.TEST_LABEL, "--label",
                "io.cloudunit.tenant=" + TENANT, "--entrypoint", "java", image, "-version");
        assertThat(version, containsString("version \"25"));
        assertThat(Serving.get(image, TENANT, "/").body(), equalTo(Jars.GREETING));
    }

    @Test
    void aJarBuiltForJava21OnAnAppPinnedTo17IsRefusedAtUploadAndNothingIsStored() {
        byte[] jar = Jars.runnableHelloCompiledFor(65);
        Api.upload(TENANT, "on17", jar).then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("the JAR is compiled for Java 21 (class file version 65) and app 'on17' "
                        + "runs on Java 17"))
                .body("detail", containsString("PATCH /api/v1/tenants/" + TENANT + "/apps/on17 {\"javaVersion\": 25}"));
        given().auth().oauth2(Tokens.of("alice")).get(BUILDS, TENANT, "on17").then().statusCode(200)
                .body("size()", equalTo(0));
        assertThat(Files.exists(Api.dataDir().resolve("artifacts").resolve(Api.sha256(jar))), equalTo(false));
    }

    @Test
    void withoutAPinnedVersionAJava17JarRunsOnJava17AndTheBuildSaysSo() {
        JsonNode done = succeeds("auto", Jars.runnableHello("automatic"));
        assertThat(done.path("javaVersion").asInt(), equalTo(17));
        String version = DockerCli.run("run", "--rm", "--label", DockerCli.TEST_LABEL, "--label",
                "io.cloudunit.tenant=" + TENANT, "--entrypoint", "java", done.path("image").asText(), "-version");
        assertThat(version, containsString("version \"17"));
    }

    private static JsonNode succeeds(String app, byte[] jar) {
        String id = Api.upload(TENANT, app, jar).then().statusCode(202).extract().path("id");
        JsonNode done = Api.awaitFinished(TENANT, app, id);
        assertThat(done.toString(), done.path("status").asText(), equalTo("succeeded"));
        return done;
    }

    private static String log(String app, String id) {
        return given().auth().oauth2(Tokens.of("alice")).get(BUILDS + "/{id}/log", TENANT, app, id)
                .then().statusCode(200).extract().asString();
    }

    private static String baseImage(String stack, String fallback) {
        return ConfigProvider.getConfig().getOptionalValue("cloudunit.build.base-images." + stack, String.class)
                .orElse(fallback);
    }
}
