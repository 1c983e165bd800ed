package io.cloudunit.build.worker;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.cloudunit.build.BuildConfig;
import io.cloudunit.build.build.Build;
import io.cloudunit.build.build.BuildTransitions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Claims queued builds ({@code FOR UPDATE SKIP LOCKED}) while fewer than {@code max-concurrent} run here,
 * and hands each to a build thread. Polls every {@code poll-interval}, right after an upload and whenever a
 * build ends. Its own ticker rather than {@code @Scheduled}: Quarkus' scheduler fires at most once a second.
 */
@ApplicationScoped
public class BuildWorker {
    private static final Logger LOG = Logger.getLogger(BuildWorker.class);

    private final BuildTransitions transitions;
    private final BuildRunner runner;
    private final int maxConcurrent;
    private final Duration pollInterval;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile boolean paused;
    private final ExecutorService builders;
    /** Polls are started from this thread, never from an event loop or a request's context. */
    private final ScheduledExecutorService ticker;

    public BuildWorker(BuildTransitions transitions, BuildRunner runner, BuildConfig config) {
        this.transitions = transitions;
        this.runner = runner;
        this.maxConcurrent = config.maxConcurrent();
        this.pollInterval = config.pollInterval();
        this.builders = Executors.newFixedThreadPool(Math.max(1, maxConcurrent), threads("build-worker-"));
        this.ticker = Executors.newSingleThreadScheduledExecutor(threads("build-poller-"));
    }

    /** Before claiming anything: whatever is still RUNNING was left by a previous run of the service. */
    void onStart(@Observes StartupEvent event) {
        OnVertx.await(transitions::failAbandoned);
        ticker.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Polls now instead of at the next tick; safe to call from any thread. */
    public void wakeUp() {
        try {
            ticker.execute(this::poll);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Claims no more builds (running ones go on) until {@link #resume()}: to drain the service, or in tests. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        wakeUp();
    }

    private void poll() {
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        try {
            VertxContextSupport.subscribeWith(() -> claimWhileFree().eventually(() -> polling.set(false)).toMulti(),
                    ignored -> {
                    });
        } catch (RuntimeException e) {
            polling.set(false);
            LOG.warnf("cannot poll for queued builds: %s", e.toString());
        }
    }

    private Uni<Void> claimWhileFree() {
        if (paused || !reserveSlot()) {
            return Uni.createFrom().voidItem();
        }
        return transitions.claimNext().onItemOrFailure().transformToUni((build, failure) -> {
            if (failure != null || build == null) {
                busy.decrementAndGet();
                if (failure != null) {
                    LOG.warnf("claiming a queued build failed, will retry: %s", failure.toString());
                }
                return Uni.createFrom().voidItem();
            }
            launch(build);
            return claimWhileFree();
        });
    }

    private boolean reserveSlot() {
        if (busy.incrementAndGet() <= maxConcurrent) {
            return true;
        }
        busy.decrementAndGet();
        return false;
    }

    private void launch(Build build) {
        try {
            builders.execute(() -> {
                try {
                    runner.run(build);
                } finally {
                    busy.decrementAndGet();
                    wakeUp();
                }
            });
        } catch (RejectedExecutionException e) {
            busy.decrementAndGet();
            LOG.warnf("shutting down: build %s stays running and fails at the next start", build.id());
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops claiming before the database pool closes; running builds fail at the next start. */
    void onStop(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
        builders.shutdownNow();
    }
}
