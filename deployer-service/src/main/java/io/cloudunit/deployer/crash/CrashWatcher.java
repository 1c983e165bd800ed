package io.cloudunit.deployer.crash;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.cloudunit.deployer.DeployerConfig;
import io.cloudunit.deployer.docker.ContainerRuntime;
import io.cloudunit.deployer.docker.EngineEvent;
import io.cloudunit.deployer.runtime.Labels;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Follows the engine's events of this deployer's containers and hands exits to the {@link CrashRecorder}. Reconnects
 * when the stream ends (engine restarted, connection lost), from the time of the last event it saw, so that nothing in
 * between is missed while the engine still has it (an event seen twice is recorded once). Daemon threads: never holds
 * up a shutdown.
 */
@ApplicationScoped
public class CrashWatcher {
    private static final Logger LOG = Logger.getLogger(CrashWatcher.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration MAX_RETRY = Duration.ofSeconds(5);
    /** A stream that lived this long was healthy: the next reconnect starts from the first delay again. */
    private static final Duration STABLE = Duration.ofSeconds(10);
    /** An engine shutting down may still answer a ping just after it cut the stream: asked a few times. */
    private static final int ENGINE_CHECKS = 10;
    private static final Duration ENGINE_CHECK_PAUSE = Duration.ofMillis(100);

    private final ContainerRuntime runtime;
    private final CrashRecorder recorder;
    private final DeployerConfig config;
    /** Records and judges exits on one thread, in the order the engine told them. */
    private final ScheduledExecutorService handler = Executors.newSingleThreadScheduledExecutor(
            daemon("engine-events-handler"));
    private volatile boolean stopping;
    private volatile AutoCloseable stream;
    private volatile Instant lastSeen;
    private Thread reader;

    public CrashWatcher(ContainerRuntime runtime, CrashRecorder recorder, DeployerConfig config) {
        this.runtime = runtime;
        this.recorder = recorder;
        this.config = config;
    }

    void start(@Observes StartupEvent ignored) {
        lastSeen = Instant.now();
        reader = daemon("engine-events").newThread(this::follow);
        reader.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopping = true;
        closeStream();
        handler.shutdownNow();
        if (reader != null) {
            reader.interrupt();
        }
    }

    private void follow() {
        Duration retry = FIRST_RETRY;
        while (!stopping) {
            long opened = System.nanoTime();
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            try {
                stream = runtime.watch(Labels.managed(config.scope()), lastSeen, this::onEvent, ended::complete);
                LOG.debugf("following the engine's events from %s", lastSeen);
                Throwable failure = ended.get();
                if (!stopping) {
                    LOG.infof("the engine's event stream ended (%s): reconnecting",
                            failure == null ? "closed" : failure.getMessage());
                    onHandlerThread(this::judgeHeldExitsIfTheEngineStopped);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | RuntimeException e) {
                if (!stopping) {
                    LOG.infof("cannot follow the engine's events (%s): retrying in %d ms", e.getMessage(),
                            retry.toMillis());
                }
            } finally {
                closeStream();
            }
            retry = System.nanoTime() - opened > STABLE.toNanos() ? FIRST_RETRY : retry;
            if (!pause(retry)) {
                return;
            }
            retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
        }
    }

    private void onEvent(EngineEvent event) {
        if (event.time().isAfter(lastSeen)) {
            lastSeen = event.time();
        }
        if (!"die".equals(event.action())) {
            return; // oom comes with its die (State.OOMKilled); health is the reconciler's and the rollout's
        }
        onHandlerThread(() -> handle(event));
    }

    private void onHandlerThread(Runnable task) {
        try {
            handler.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            LOG.debug("not handling the engine's events: shutting down");
        }
    }

    /**
     * An exit the engine's shutdown may have caused is judged at once when the engine already takes no new
     * connection (it is shutting down), else once its grace is over.
     */
    private void handle(EngineEvent event) {
        try {
            recorder.died(event);
            if (!recorder.holdsExits()) {
                return;
            }
            if (runtime.ping()) {
                handler.schedule(this::judgeHeldExits, config.crash().engineStopGrace().toMillis() + 1,
                        TimeUnit.MILLISECONDS);
            } else {
                recordEngineStop();
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.warnf("could not record the exit of %s (the reconciler catches up): %s", event.name(),
                        e.getMessage());
            }
        }
    }

    /**
     * A shutdown that waits for a container ignoring SIGTERM (10 s by default) outlasts the grace, its stream still
     * open: the engine taking no new connection tells it apart from a crash.
     */
    private void judgeHeldExits() {
        if (recorder.holdsExits() && !runtime.ping()) {
            recordEngineStop();
            return;
        }
        try {
            recorder.judgeHeldExits();
        } catch (RuntimeException e) {
            LOG.warnf("could not record held exits (the reconciler catches up): %s", e.getMessage());
        }
    }

    private void judgeHeldExitsIfTheEngineStopped() {
        if (recorder.holdsExits() && engineStoppedAnswering()) {
            recordEngineStop();
        }
    }

    private void recordEngineStop() {
        try {
            recorder.engineStopped();
        } catch (RuntimeException e) {
            LOG.warnf("could not record the exits of the engine's shutdown: %s", e.getMessage());
        }
    }

    private boolean engineStoppedAnswering() {
        for (int i = 0; i < ENGINE_CHECKS; i++) {
            if (!runtime.ping()) {
                return true;
            }
            if (!pause(ENGINE_CHECK_PAUSE)) {
                return false;
            }
        }
        return false;
    }

    private boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void closeStream() {
        AutoCloseable current = stream;
        stream = null;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                LOG.debugf("closing the event stream: %s", e.getMessage());
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
