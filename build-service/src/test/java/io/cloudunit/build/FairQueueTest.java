package io.cloudunit.build;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import io.cloudunit.build.worker.BuildWorker;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Fairness measured with two tenants and one build slot, the hardest case (ADR 0018): tenant A queues a burst of
 * real builds, then tenant B queues one; B's build starts before A starts more than one further build.
 */
@QuarkusTest
@TestProfile(FairQueueTest.OneBuildSlot.class)
@WithTestResource(TenantServiceStub.class)
class FairQueueTest {
    static final String A = Names.unique("fa");
    static final String B = Names.unique("fb");
    static final int BURST = 12;

    @Inject
    BuildWorker worker;

    public static class OneBuildSlot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cloudunit.build.max-concurrent", "1");
        }
    }

    @BeforeAll
    static void apps() {
        Stub.app(A, "burst", "image", "alice");
        Stub.app(B, "one", "image", "alice");
    }

    @AfterAll
    static void tearDown() {
        DockerCli.removeTenant(A);
        DockerCli.removeTenant(B);
    }

    @Test
    void anotherTenantsBurstDelaysABuildByOneBuildSlotAtMost() {
        // Builds of simple Dockerfiles take a fraction of a second (ADR 24): the burst is queued while the worker
        // claims nothing, so that most of it still waits when B's build arrives a moment after the worker resumed.
        worker.pause();
        List<String> burst = new ArrayList<>();
        try {
            for (int i = 0; i < BURST; i++) {
                burst.add(QueuedImages.queue(A, "burst"));
            }
        } finally {
            worker.resume();
        }
        String single = QueuedImages.queue(B, "one");

        assertThat(Api.awaitFinished(B, "one", single).path("status").asText(), equalTo("succeeded"));
        burst.forEach(id -> Api.awaitFinished(A, "burst", id));
        Times b = QueuedImages.of(B).get(0);
        List<Times> a = QueuedImages.of(A);
        long waitingWhenBCame = a.stream().filter(t -> t.started() > b.queued()).count();
        long startedBeforeB = a.stream().filter(t -> t.startedBetween(b.queued(), b.started())).count();
        System.out.printf("fairness, 1 build slot: tenant B's build waited %d ms (queued -> started) behind a "
                + "burst of %d builds of tenant A (%d of them not started yet when B queued); builds of A started "
                + "in between: %d%n", (b.started() - b.queued()) / 1000, BURST, waitingWhenBCame, startedBeforeB);

        assertThat("A's burst was still waiting when B queued: an unfair queue would have made B wait for it",
                waitingWhenBCame, greaterThanOrEqualTo(5L));
        assertThat("B waits for one build slot at most", startedBeforeB, lessThanOrEqualTo(1L));
        assertThat(a.stream().map(Times::status).toList(), everyItem(equalTo("SUCCEEDED")));
    }
}
