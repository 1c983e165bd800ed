package io.cloudunit.build;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cloudunit.build.support.Api;
import io.cloudunit.build.support.Db;
import io.cloudunit.build.support.DockerCli;
import io.cloudunit.build.support.Names;
import io.cloudunit.build.support.StackInputs;
import io.cloudunit.build.support.Stub;
import io.cloudunit.build.support.TenantServiceStub;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A build that outlives cloudunit.build.timeout is stopped, fails with the reason, and leaves no container. */
@QuarkusTest
@TestProfile(BuildTimeoutTest.ShortTimeout.class)
@WithTestResource(TenantServiceStub.class)
class BuildTimeoutTest {
    static final String TENANT = Names.unique("bt");
    static final Pattern RUNNING_IN = Pattern.compile("^ ---> Running in ([0-9a-f]+)$");

    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cloudunit.build.timeout", "4s");
        }
    }

    @BeforeAll
    static void setUp() {
        Stub.app(TENANT, "slow", "dockerfile", "alice");
    }

    @AfterAll
    static void tearDown() {
        DockerCli.removeTenant(TENANT);
    }

    @Test
    void aBuildRunningPastTheTimeoutFailsAndLeavesNoContainer() {
        String id = Api.upload(TENANT, "slow", StackInputs.tickingContext(-1, 100), "application/x-tar")
                .then().statusCode(202).extract().path("id");

        var build = Api.awaitFinished(TENANT, "slow", id);

        assertThat(build.path("status").asText(), equalTo("failed"));
        assertThat(build.path("reason").asText(), equalTo("build timed out after 4s"));
        List<String> log = Db.column("select line from build_log where build_id = ?::uuid order by seq", id);
        assertThat("it ran until stopped", log, hasItem("tick 3"));
        assertThat(log.get(log.size() - 1), equalTo("FAILED: build timed out after 4s"));
        assertThat(Db.count("select count(*) from outbox where type = 'io.cloudunit.build.failed' and payload like ?",
                "%" + id + "%"), equalTo(1L));
        List<String> containers = log.stream().map(RUNNING_IN::matcher).filter(Matcher::matches)
                .map(m -> m.group(1)).toList();
        assertThat(containers, not(empty()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                containers.stream().filter(c -> DockerCli.exists("container", c)).toList(), empty()));
        assertThat(DockerCli.run("images", "-aq", "--filter", "label=io.cloudunit.build=" + id), equalTo(""));
    }
}
