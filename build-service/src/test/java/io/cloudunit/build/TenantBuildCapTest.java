package io.cloudunit.build;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cloudunit.build.support.Api;
import io.cloudunit.build.support.DockerCli;
import io.cloudunit.build.support.Names;
import io.cloudunit.build.support.QueuedImages;
import io.cloudunit.build.support.QueuedImages.Times;
import io.cloudunit.build.support.Stub;
import io.cloudunit.build.support.TenantServiceStub;
import io.cloudunit.build.support.TenantsTopic;
import io.cloudunit.build.worker.BuildWorker;
import io.cloudunit.platform.events.CloudEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A tenant's plan caps its concurrent builds (maxConcurrentBuilds, from quota.changed on the real topic) below the
 * service's two build slots: its builds run one after the other, and the slot it may not use goes to another
 * tenant at once (ADR 0018).
 */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class TenantBuildCapTest {
    static final String CAPPED = Names.unique("tc");
    static final String OTHER = Names.unique("to");
    static final int QUEUED = 6;
    static TenantsTopic topic;

    @Inject
    BuildWorker worker;

    @BeforeAll
    static void setUp() {
        Stub.app(CAPPED, "web", "image", "alice");
        Stub.app(OTHER, "web", "image", "alice");
        topic = new TenantsTopic();
        CloudEvent changed = topic.produce(TenantsTopic.quota(CAPPED, "solo", 1, 256));
        await().atMost(Duration.ofSeconds(60)).until(() -> TenantsTopic.processed(changed));
    }

    @AfterAll
    static void tearDown() {
        topic.close();
        DockerCli.removeTenant(CAPPED);
        DockerCli.removeTenant(OTHER);
    }

    @Test
    void aTenantAtItsCapWaitsAndLeavesTheFreeSlotToOthers() {
        // One upload can take as long as one image build: queued while the worker claims nothing, the capped
        // tenant's backlog still waits when the other tenant's build arrives instead of draining as it grows.
        worker.pause();
        List<String> capped = new ArrayList<>();
        try {
            for (int i = 0; i < QUEUED; i++) {
                capped.add(QueuedImages.queue(CAPPED, "web"));
            }
        } finally {
            worker.resume();
        }
        String other = QueuedImages.queue(OTHER, "web");

        capped.forEach(id -> Api.awaitFinished(CAPPED, "web", id));
        Api.awaitFinished(OTHER, "web", other);
        List<Times> builds = QueuedImages.of(CAPPED);
        Times otherBuild = QueuedImages.of(OTHER).get(0);

        assertThat(builds.stream().map(Times::status).toList(), everyItem(equalTo("SUCCEEDED")));
        for (int i = 1; i < builds.size(); i++) {
            assertThat("build " + i + " of the capped tenant starts once the one before finished",
                    builds.get(i).started(), greaterThanOrEqualTo(builds.get(i - 1).finished()));
        }
        assertThat("the other tenant's build started while the capped tenant's last one still waited",
                otherBuild.started(), lessThan(builds.get(QUEUED - 1).started()));
        System.out.printf("per-tenant cap 1 of 2 slots: the other tenant's build waited %d ms, %d of the capped "
                + "tenant's %d builds still waiting%n", (otherBuild.started() - otherBuild.queued()) / 1000,
                builds.stream().filter(b -> b.started() > otherBuild.queued()).count(), QUEUED);
    }
}
