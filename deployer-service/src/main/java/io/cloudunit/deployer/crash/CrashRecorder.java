package io.cloudunit.deployer.crash;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.docker.ContainerInfo;
import io.cloudunit.deployer.docker.ContainerRuntime;
import io.cloudunit.deployer.docker.EngineEvent;
import io.cloudunit.deployer.reconcile.Reconciler;
import io.cloudunit.deployer.runtime.Blocking;
import io.cloudunit.deployer.runtime.Labels;

/**
 * Turns exits of instances into crashes (ADR 0025), from the engine's event stream ({@link CrashWatcher}) and from
 * the reconciler, which catches up on exits nobody saw (the deployer was down, the stream was reconnecting). An exit
 * the platform caused (remove, stop) is not a crash. Blocking: engine and database calls.
 */
@ApplicationScoped
public class CrashRecorder {
    private static final Logger LOG = Logger.getLogger(CrashRecorder.class);

    private final ContainerRuntime runtime;
    private final CrashService crashes;
    private final CrashBackoff backoff;
    private final Reconciler reconciler;
    private final DeployerConfig config;
    /** App → System.nanoTime() of its last recorded crash. */
    private final java.util.Map<String, Long> lastCrash = new java.util.concurrent.ConcurrentHashMap<>();
    private final HeldExits held;

    public CrashRecorder(ContainerRuntime runtime, CrashService crashes, CrashBackoff backoff, Reconciler reconciler,
            DeployerConfig config) {
        this.runtime = runtime;
        this.crashes = crashes;
        this.backoff = backoff;
        this.reconciler = reconciler;
        this.config = config;
        this.held = new HeldExits(config.crash().engineStopGrace());
    }

    /** A {@code die} event of one of our containers. */
    public void died(EngineEvent event) {
        if (runtime.stoppedByPlatform(event.containerId())) {
            return;
        }
        String tenant = event.label(Labels.TENANT);
        String app = event.label(Labels.APP);
        int version = Labels.releaseOf(event.labels());
        if (tenant == null || app == null || version < 0) {
            return;
        }
        Optional<ContainerInfo> inspected = runtime.inspect(event.containerId());
        if (inspected.isEmpty() || "removing".equals(inspected.get().status())
                || inspected.get().finishedAt() == null) {
            // Removed behind the platform's back (docker rm -f kills first): not a crash of the app; the reconciler
            // announces it stopped and replaces it.
            LOG.infof("instance %s was removed by someone else: the reconciler replaces it", event.name());
            return;
        }
        ContainerInfo c = inspected.get();
        Exit exit = new Exit(event.containerId(), c.finishedAt(), tenant, app, c.name(), version,
                event.exitCode() != null ? event.exitCode() : exitCode(c), c.oomKilled());
        if (HeldExits.mayBeTheEngines(exit)) {
            held.hold(exit, System.nanoTime());
        } else {
            record(exit);
        }
    }

    /** Held exits whose grace is over while the engine kept answering are crashes. Same thread as {@link #died}. */
    public void judgeHeldExits() {
        held.due(System.nanoTime()).forEach(this::record);
    }

    /** Whether exits are waiting for their verdict. */
    public boolean holdsExits() {
        return !held.isEmpty();
    }

    /**
     * The engine stopped answering: the exits still held were its shutdown's. Each is recorded as such (a later
     * sighting is the same exit) and announced stopped, not crashed; the reconciler takes the instances back when the
     * engine restarts them. Same thread as {@link #died}.
     */
    public void engineStopped() {
        for (Exit exit : held.engineStopped()) {
            if (!runtime.stoppedByPlatform(exit.containerId())
                    && Blocking.await(() -> crashes.recordEngineStop(exit))) {
                LOG.infof("instance %s stopped with the engine (exit %d): not a crash", exit.instance(),
                        exit.exitCode());
            }
        }
    }

    /**
     * Exits among these containers of the app that nobody recorded yet; answers whether one was new or still waits
     * for its verdict (its back-off, or the verdict, then decides when the app is relaunched).
     */
    public boolean catchUp(Collection<ContainerInfo> containers, Collection<String> names) {
        Found found = scan(containers, names);
        return found.fresh() || found.held();
    }

    /** Whether any of these containers exited by itself (recorded now or before): a crash, not an engine failure. */
    public boolean anyCrashed(Collection<ContainerInfo> containers, Collection<String> names) {
        Found found = scan(containers, names);
        return found.any() || found.held();
    }

    /** Whether a crash of the app was recorded since {@code nanoTime} (from the event stream or a catch-up). */
    public boolean crashedSince(String tenant, String app, long nanoTime) {
        Long last = lastCrash.get(tenant + "/" + app);
        return last != null && last - nanoTime >= 0;
    }

    private record Found(boolean any, boolean fresh, boolean held) {
    }

    private Found scan(Collection<ContainerInfo> containers, Collection<String> names) {
        boolean any = false;
        boolean fresh = false;
        boolean waiting = false;
        for (ContainerInfo listed : containers) {
            if (!names.contains(listed.name()) || listed.running() || runtime.stoppedByPlatform(listed.id())) {
                continue;
            }
            if (held.holds(listed.id())) {
                waiting = true; // relaunching now would give its name to a new container before the verdict
                continue;
            }
            Optional<ContainerInfo> inspected = runtime.inspect(listed.name());
            if (inspected.isPresent() && inspected.get().finishedAt() != null && everStopped(inspected.get())) {
                any = true;
                fresh |= record(exitOf(inspected.get()));
            }
        }
        return new Found(any, fresh, waiting);
    }

    /** Answers whether the exit was new. */
    public boolean record(Exit exit) {
        if (runtime.stoppedByPlatform(exit.containerId())) {
            return false;
        }
        List<String> lines = runtime.logTail(exit.instance(), config.failureLogLines());
        CrashService.Outcome outcome = Blocking.await(() -> crashes.record(exit, lines));
        if (!outcome.recorded()) {
            return false;
        }
        String key = exit.tenant() + "/" + exit.app();
        lastCrash.put(key, System.nanoTime());
        if (outcome.crashed()) {
            if (outcome.crashedNow()) {
                LOG.warnf("app %s crashed %d times: not relaunched until a deploy, start or restart", key,
                        outcome.crashes());
            }
            runtime.stop(exit.instance(), config.stopTimeoutSeconds()); // the engine's restart policy stops too
        } else if (outcome.crashes() > 0) {
            Duration delay = backoff.crashed(key, outcome.crashes());
            LOG.infof("instance %s %s (crash %d of %s): relaunched in %d ms unless the engine restarts it", exit.instance(),
                    exit.oomKilled() ? "OOM-killed" : "exited with " + exit.exitCode(), outcome.crashes(), key,
                    delay.toMillis());
            reconciler.reconcileAfter(exit.tenant(), exit.app(), delay);
        } else {
            LOG.infof("instance %s %s", exit.instance(), exit.oomKilled() ? "OOM-killed" : "exited with " + exit.exitCode());
        }
        return true;
    }

    private static Exit exitOf(ContainerInfo c) {
        return new Exit(c.id(), c.finishedAt(), c.label(Labels.TENANT), c.label(Labels.APP), c.name(),
                Labels.releaseOf(c.labels()), exitCode(c), c.oomKilled());
    }

    private static int exitCode(ContainerInfo c) {
        return c.exitCode() == null ? -1 : c.exitCode();
    }

    /** A container created but never started has FinishedAt 0001-01-01: no exit. */
    private static boolean everStopped(ContainerInfo c) {
        return !c.finishedAt().startsWith("0001-");
    }
}
