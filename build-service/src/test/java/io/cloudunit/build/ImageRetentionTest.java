package io.cloudunit.build;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudunit.build.retention.ImageRetention;
import io.cloudunit.build.support.Api;
import io.cloudunit.build.support.DockerCli;
import io.cloudunit.build.support.Jars;
import io.cloudunit.build.support.Names;
import io.cloudunit.build.support.Stub;
import io.cloudunit.build.support.TenantServiceStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** keep-images = 2 ({@link KeepTwoImages}): real builds, real images, a real container keeping its image. */
@QuarkusTest
@TestProfile(KeepTwoImages.class)
@WithTestResource(TenantServiceStub.class)
class ImageRetentionTest {
    static final String TENANT = Names.unique("ir");

    @Inject
    ImageRetention retention;

    @BeforeAll
    static void apps() {
        Stub.app(TENANT, "four", "java", "alice");
        Stub.app(TENANT, "used", "java", "alice");
    }

    @AfterAll
    static void cleanUp() {
        DockerCli.removeTenant(TENANT);
    }

    @Test
    void afterFourBuildsTheTwoOldestImagesAreGoneAndTheirBuildsSaySo() {
        List<JsonNode> builds = IntStream.rangeClosed(1, 4).mapToObj(n -> succeeds("four", n)).toList();

        await().atMost(Duration.ofSeconds(30)).until(() -> removed("four", builds),
                equalTo(List.of(true, true, false, false)));
        assertThat(builds.stream().map(b -> exists(image(b))).toList(), equalTo(List.of(false, false, true, true)));
        List<JsonNode> now = builds.stream().map(b -> Api.build(TENANT, "four", b.path("id").asText())).toList();
        assertThat("the image reference stays, for the record", now.get(0).path("image").asText(),
                equalTo(image(builds.get(0))));
    }

    @Test
    void anImageAContainerUsesStaysUntilTheContainerIsGone() {
        JsonNode first = succeeds("used", 1);
        String container = DockerCli.run("run", "-d", "--label", DockerCli.TEST_LABEL, "--label",
                "io.cloudunit.tenant=" + TENANT, "--memory", "128m", image(first));
        try {
            JsonNode second = succeeds("used", 2);
            JsonNode third = succeeds("used", 3);
            JsonNode fourth = succeeds("used", 4);
            List<JsonNode> builds = List.of(first, second, third, fourth);
            await().atMost(Duration.ofSeconds(30)).until(() -> removed("used", builds),
                    equalTo(List.of(false, true, false, false)));
            assertThat("a running container's image is never removed", exists(image(first)), equalTo(true));
            assertThat(exists(image(second)), equalTo(false));
            assertThat(exists(image(third)) && exists(image(fourth)), equalTo(true));
        } finally {
            DockerCli.run("rm", "-f", container);
        }
        retention.collectAll();
        assertThat("the timer's pass removes it once its container is gone", exists(image(first)), equalTo(false));
        assertThat(Api.build(TENANT, "used", first.path("id").asText()).path("imageRemovedAt").isNull(),
                equalTo(false));
    }

    private static JsonNode succeeds(String app, int n) {
        String id = Api.upload(TENANT, app, Jars.runnableHello(app + " build " + n)).then().statusCode(202)
                .extract().path("id");
        JsonNode done = Api.awaitFinished(TENANT, app, id);
        assertThat(done.toString(), done.path("status").asText(), equalTo("succeeded"));
        return done;
    }

    /** Whether each build's image was removed, as GET build shows it. */
    private static List<Boolean> removed(String app, List<JsonNode> builds) {
        return builds.stream().map(b -> !Api.build(TENANT, app, b.path("id").asText()).path("imageRemovedAt").isNull())
                .toList();
    }

    private static String image(JsonNode build) {
        return build.path("image").asText();
    }

    private static boolean exists(String image) {
        try {
            DockerCli.run("image", "inspect", "--format", "{{.Id}}", image);
            return true;
        } catch (IllegalStateException missing) {
            return false;
        }
    }
}
