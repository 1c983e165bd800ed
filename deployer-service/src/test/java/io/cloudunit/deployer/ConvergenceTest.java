package io.cloudunit.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.cloudunit.deployer.docker.ContainerInfo;
import io.cloudunit.deployer.instance.InstanceService;
import io.cloudunit.deployer.reconcile.AppDesired;
import io.cloudunit.deployer.reconcile.Convergence;
import io.cloudunit.deployer.reconcile.InstanceRow;
import io.cloudunit.deployer.runtime.AppTarget;

/** The reconciler's decisions, as pure logic (no engine needed). */
class ConvergenceTest {
    static final AppTarget V2 = new AppTarget("acme", "shop", 2, "img:2", 2, 256, 1, "/health");

    @Test
    void nothingToDoWhenTheServingReleaseRunsAndIsKnown() {
        var plan = Convergence.plan(desired(V2, Set.of()),
                List.of(running("cu-acme-shop-v2-1", 2), running("cu-acme-shop-v2-2", 2)),
                List.of(row("cu-acme-shop-v2-1", 2), row("cu-acme-shop-v2-2", 2)));
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void missingAndStoppedReplicasAreLaunchedAndStoppedOnesRetired() {
        var plan = Convergence.plan(desired(V2, Set.of()),
                List.of(container("cu-acme-shop-v2-1", 2, "exited")),
                List.of(row("cu-acme-shop-v2-1", 2), row("cu-acme-shop-v2-2", 2)));
        assertThat(plan.launch()).containsExactly(1, 2);
        assertThat(plan.retire()).extracting(InstanceService.Stopped::name)
                .containsExactly("cu-acme-shop-v2-1", "cu-acme-shop-v2-2");
        assertThat(plan.remove()).isEmpty();
    }

    @Test
    void staleReleasesAndExtraReplicasAreRemovedButNotAReleaseBeingRolledOut() {
        var plan = Convergence.plan(desired(V2, Set.of(3)),
                List.of(running("cu-acme-shop-v1-1", 1), running("cu-acme-shop-v2-1", 2),
                        running("cu-acme-shop-v2-2", 2), running("cu-acme-shop-v2-3", 2),
                        running("cu-acme-shop-v3-1", 3)),
                List.of(row("cu-acme-shop-v1-1", 1), row("cu-acme-shop-v2-1", 2), row("cu-acme-shop-v2-2", 2),
                        row("cu-acme-shop-v2-3", 2)));
        assertThat(plan.remove()).containsExactly("cu-acme-shop-v1-1", "cu-acme-shop-v2-3");
        assertThat(plan.retire()).extracting(InstanceService.Stopped::name)
                .containsExactly("cu-acme-shop-v1-1", "cu-acme-shop-v2-3");
        assertThat(plan.launch()).isEmpty();
        assertThat(plan.adopt()).isEmpty();
    }

    @Test
    void aRunningInstanceNobodyRecordedIsHealthCheckedNotRestarted() {
        var plan = Convergence.plan(desired(V2, Set.of()),
                List.of(running("cu-acme-shop-v2-1", 2), running("cu-acme-shop-v2-2", 2)),
                List.of(row("cu-acme-shop-v2-1", 2)));
        assertThat(plan.adopt()).containsExactly("cu-acme-shop-v2-2");
        assertThat(plan.launch()).isEmpty();
    }

    @Test
    void onlyAnInstanceUnhealthyForTooLongIsReplaced() {
        OffsetDateTime now = OffsetDateTime.now();
        var plan = Convergence.plan(desired(V2, Set.of()),
                List.of(running("cu-acme-shop-v2-1", 2), running("cu-acme-shop-v2-2", 2)),
                List.of(new InstanceRow("cu-acme-shop-v2-1", 2, false, now.minusMinutes(2)),
                        new InstanceRow("cu-acme-shop-v2-2", 2, false, now.minusSeconds(10))),
                now.minusMinutes(1));
        assertThat(plan.adopt()).containsExactly("cu-acme-shop-v2-1", "cu-acme-shop-v2-2");
        assertThat(plan.replace()).containsExactly(1);
        assertThat(plan.launch()).isEmpty();
        assertThat(plan.withoutLaunches().replace()).as("not during a crash back-off").isEmpty();
        assertThat(Convergence.plan(desired(V2, Set.of()),
                List.of(running("cu-acme-shop-v2-1", 2), running("cu-acme-shop-v2-2", 2)),
                List.of(new InstanceRow("cu-acme-shop-v2-1", 2, false, now.minusMinutes(2))), null).replace())
                .as("never when replacing is off").isEmpty();
    }

    @Test
    void aDeletedAppLosesEverything() {
        var plan = Convergence.plan(AppDesired.nothing("acme", "shop"),
                List.of(running("cu-acme-shop-v2-1", 2), container("cu-acme-shop-v3-1", 3, "created")),
                List.of(row("cu-acme-shop-v2-1", 2)));
        assertThat(plan.remove()).containsExactly("cu-acme-shop-v2-1", "cu-acme-shop-v3-1");
        assertThat(plan.retire()).extracting(InstanceService.Stopped::name).containsExactly("cu-acme-shop-v2-1");
        assertThat(plan.launch()).isEmpty();
    }

    private static AppDesired desired(AppTarget target, Set<Integer> rolling) {
        return new AppDesired(target.tenant(), target.app(), target, rolling);
    }

    private static ContainerInfo running(String name, int version) {
        return container(name, version, "running");
    }

    private static ContainerInfo container(String name, int version, String status) {
        return new ContainerInfo("id-" + name, name, Map.of("io.cloudunit.release", String.valueOf(version)), status,
                null, 0, Map.of("cu-net-acme", "172.18.0.9"), 32768);
    }

    private static InstanceRow row(String name, int version) {
        return new InstanceRow(name, version, true, null);
    }
}
