package io.cloudunit.deployer.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The verdict on exits a stop of the engine could have caused (ADR 0025, amended). */
class HeldExitsTest {
    private static final long SECOND = 1_000_000_000L;

    private final HeldExits held = new HeldExits(Duration.ofSeconds(3));

    @Test
    void onlyExitsAStopSignalCausesAreHeld() {
        assertThat(HeldExits.mayBeTheEngines(exit("a", 143, false))).isTrue();
        assertThat(HeldExits.mayBeTheEngines(exit("a", 137, false))).isTrue();
        assertThat(HeldExits.mayBeTheEngines(exit("a", 0, false))).isTrue();
        assertThat(HeldExits.mayBeTheEngines(exit("a", 137, true))).as("the OOM killer is never the engine").isFalse();
        assertThat(HeldExits.mayBeTheEngines(exit("a", 1, false))).isFalse();
        assertThat(HeldExits.mayBeTheEngines(exit("a", 3, false))).isFalse();
    }

    @Test
    void anExitWhoseGraceIsOverWhileTheEngineAnswersIsACrash() {
        held.hold(exit("a", 143, false), 10 * SECOND);
        held.hold(exit("b", 137, false), 12 * SECOND);

        assertThat(held.due(12 * SECOND)).isEmpty();
        assertThat(held.holds("a")).isTrue();
        assertThat(held.due(13 * SECOND)).extracting(Exit::containerId).containsExactly("a");
        assertThat(held.holds("a")).isFalse();
        assertThat(held.holds("b")).isTrue();
        assertThat(held.due(15 * SECOND)).extracting(Exit::containerId).containsExactly("b");
        assertThat(held.isEmpty()).isTrue();
    }

    @Test
    void exitsStillHeldWhenTheEngineStopsAnsweringWereItsOwn() {
        held.hold(exit("a", 143, false), 10 * SECOND);
        held.hold(exit("b", 0, false), 11 * SECOND);

        assertThat(held.engineStopped()).extracting(Exit::containerId).containsExactlyInAnyOrder("a", "b");
        assertThat(held.isEmpty()).isTrue();
        assertThat(held.due(60 * SECOND)).as("judged once").isEmpty();
    }

    @Test
    void theSameContainerIsHeldOnce() {
        held.hold(exit("a", 143, false), 10 * SECOND);
        held.hold(exit("a", 143, false), 11 * SECOND);

        assertThat(held.engineStopped()).hasSize(1);
    }

    private static Exit exit(String containerId, int exitCode, boolean oomKilled) {
        return new Exit(containerId, "2026-11-29T01:00:00.000000000Z", "t", "app", "cu-t-app-v1-1", 1, exitCode,
                oomKilled);
    }
}
