package io.cloudunit.deployer.crash;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exits that may be the engine's own, waiting for their verdict (ADR 0025, amended): when the engine shuts down, it
 * stops every container (SIGTERM, SIGKILL after the stop timeout) and its event stream ends shortly after the last
 * exit. An exit such a stop could cause is held for a grace; if the engine takes no new connection (it closes its
 * listener first) or stops answering meanwhile it was the engine's, otherwise it is a crash like any other. One
 * thread holds and judges; {@link #holds} may be asked from any.
 */
final class HeldExits {
    /** The JVM's (and most runtimes') exit on SIGTERM, SIGKILL's, and a clean exit on SIGTERM. */
    private static final int SIGTERM = 143;
    private static final int SIGKILL = 137;
    private static final int CLEAN = 0;

    private final Duration grace;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    private record Held(Exit exit, long dueNanos) {
    }

    HeldExits(Duration grace) {
        this.grace = grace;
    }

    /** Whether a stop of the engine could have caused this exit (an OOM kill never is). */
    static boolean mayBeTheEngines(Exit exit) {
        return !exit.oomKilled()
                && (exit.exitCode() == SIGTERM || exit.exitCode() == SIGKILL || exit.exitCode() == CLEAN);
    }

    void hold(Exit exit, long nowNanos) {
        held.put(exit.containerId(), new Held(exit, nowNanos + grace.toNanos()));
    }

    boolean holds(String containerId) {
        return held.containsKey(containerId);
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    /** The exits whose grace is over while the engine kept answering: crashes. */
    List<Exit> due(long nowNanos) {
        List<Exit> due = new ArrayList<>();
        held.values().removeIf(h -> {
            boolean over = nowNanos - h.dueNanos() >= 0;
            if (over) {
                due.add(h.exit());
            }
            return over;
        });
        return due;
    }

    /** The engine stopped answering: every exit still held was its own. */
    List<Exit> engineStopped() {
        List<Exit> all = held.values().stream().map(Held::exit).toList();
        held.clear();
        return all;
    }
}
