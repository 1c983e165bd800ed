package io.cloudunit.build.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.build.BuildConfig;
import io.cloudunit.build.build.Build;
import io.cloudunit.build.build.BuildTransitions;
import io.cloudunit.build.docker.ImageBuilder;
import io.cloudunit.build.docker.ImageBuilder.BuiltImage;
import io.cloudunit.build.docker.ImageBuilder.ImageBuildException;
import io.cloudunit.build.docker.ImageLabels;
import io.cloudunit.build.retention.ImageRetention;
import io.cloudunit.build.stack.Recipe;
import io.cloudunit.build.stack.Recipes;
import io.cloudunit.platform.problem.ProblemException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Runs one claimed build to its end, on a build thread (it blocks on the engine), never in a request. */
@ApplicationScoped
public class BuildRunner {
    private static final Logger LOG = Logger.getLogger(BuildRunner.class);

    private final BuildTransitions transitions;
    private final Recipes recipes;
    private final BuildContexts contexts;
    private final ImageBuilder images;
    private final BuildConfig config;
    private final ImageRetention retention;
    private final Set<BuildLogWriter> activeLogs = ConcurrentHashMap.newKeySet();
    private final Map<UUID, RunningBuild> running = new ConcurrentHashMap<>();

    public BuildRunner(BuildTransitions transitions, Recipes recipes, BuildContexts contexts, ImageBuilder images,
            BuildConfig config, ImageRetention retention) {
        this.retention = retention;
        this.transitions = transitions;
        this.recipes = recipes;
        this.contexts = contexts;
        this.images = images;
        this.config = config;
    }

    public void run(Build build) {
        BuildLogWriter log = new BuildLogWriter(build.id(), transitions, config.maxLogLines());
        RunningBuild self = new RunningBuild(build.tenant(), Thread.currentThread());
        running.put(build.id(), self);
        activeLogs.add(log);
        try {
            if (!stillWanted(build)) {
                return;
            }
            log.line("build #" + build.number() + " of " + build.tenant() + "/" + build.app() + ": stack "
                    + build.stack() + ", artifact sha256:" + build.artifactSha256());
            BuiltImage image = buildImage(build, log);
            String aborted = self.finishing();
            if (aborted != null) {
                removeUnwanted(image);
                cancel(build, log, aborted);
                return;
            }
            log.line("built image " + image.tag() + " (" + image.id() + ")");
            if (Boolean.FALSE.equals(finish(log, () -> transitions.succeed(build.id(), image.tag(), image.id())))) {
                removeUnwanted(image);
            } else {
                retention.afterSuccess(build.tenant(), build.app());
            }
        } catch (BuildFailure e) {
            String aborted = self.finishing();
            if (aborted != null) {
                cancel(build, log, aborted);
                return;
            }
            log.line("FAILED: " + e.getMessage());
            finish(log, () -> transitions.fail(build.id(), e.getMessage()));
        } finally {
            activeLogs.remove(log);
            running.remove(build.id());
            self.ended.countDown();
        }
    }

    /**
     * Stops every build of the tenant running here: the engine call is interrupted, which closes its connection
     * and so ends the build on the engine (the same path as a timeout). Waits until they ended, at most
     * {@code timeout}; answers whether none is left.
     */
    public boolean abortTenant(String tenant, String reason, Duration timeout) {
        List<RunningBuild> ofTenant = running.values().stream().filter(r -> r.tenant.equals(tenant)).toList();
        ofTenant.forEach(r -> r.abort(reason));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (RunningBuild r : ofTenant) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !r.ended.await(left, TimeUnit.NANOSECONDS)) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !runs(tenant);
    }

    /**
     * Stops the build if it runs here, as {@link #abortTenant} does, and waits until its thread ended, at most
     * {@code timeout}; answers whether it is not running here any more. A build already recording its outcome
     * is not stopped: it ends as it would have.
     */
    public boolean abort(UUID id, String reason, Duration timeout) {
        RunningBuild build = running.get(id);
        if (build == null) {
            return true;
        }
        build.abort(reason);
        try {
            return build.ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the build runs on this instance right now. */
    public boolean runsBuild(UUID id) {
        return running.containsKey(id);
    }

    /** Whether a build of the tenant runs on this instance right now. */
    public boolean runs(String tenant) {
        return running.values().stream().anyMatch(r -> r.tenant.equals(tenant));
    }

    /**
     * Registered first, checked second: a purge that canceled the build before this thread registered it has
     * committed by now, and one that comes later finds the build registered and stops it.
     */
    private boolean stillWanted(Build build) {
        try {
            if (OnVertx.await(() -> transitions.isRunning(build.id()))) {
                return true;
            }
            LOG.infof("build %s was canceled before it started", build.id());
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private void cancel(Build build, BuildLogWriter log, String reason) {
        log.line("CANCELED: " + reason);
        finish(log, () -> transitions.cancelRunning(build.id(), reason));
    }

    /** The image, or a {@link BuildFailure} whose message is the reason users see; the context is gone after. */
    private BuiltImage buildImage(Build build, BuildLogWriter log) {
        Path context = null;
        try {
            Recipe recipe = recipes.forStack(build.stack());
            context = contexts.prepare(build, recipe);
            return images.build(context, build.imageTag(), labels(build), config.timeout(), log::line);
        } catch (ImageBuildException e) {
            throw new BuildFailure(e.timedOut() ? "build timed out after " + human(config.timeout())
                    : "docker build failed: " + e.getMessage());
        } catch (ProblemException e) {
            throw new BuildFailure(e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "build %s failed unexpectedly", build.id());
            throw new BuildFailure("build failed unexpectedly (" + e + "); upload the artifact again");
        } finally {
            contexts.remove(context);
        }
    }

    /**
     * Keeps the stored log of a running build at most about a second behind its output, and stops the builds
     * running here that are not running any more in the database: canceled through another instance.
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushLogs() {
        activeLogs.forEach(BuildLogWriter::flushIfStale);
        stopCanceledElsewhere();
    }

    private void stopCanceledElsewhere() {
        Set<UUID> ids = Set.copyOf(running.keySet());
        if (ids.isEmpty()) {
            return;
        }
        try {
            OnVertx.await(() -> transitions.notRunningAmong(ids)).forEach((id, reason) -> {
                RunningBuild build = running.get(id);
                if (build != null) {
                    LOG.infof("build %s is no longer running in the database (%s): stopping it", id, reason);
                    build.abort(reason);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("cannot check whether running builds were canceled: %s", e.toString());
        }
    }

    /** The image of a build that was canceled as it completed: nobody will use it. */
    private void removeUnwanted(BuiltImage image) {
        try {
            images.remove(image.tag());
        } catch (RuntimeException e) {
            LOG.warnf("cannot remove image %s of a canceled build: %s", image.tag(), e.getMessage());
        }
    }

    private static <T> T finish(BuildLogWriter log, Supplier<Uni<T>> outcome) {
        log.flush();
        try {
            return OnVertx.await(outcome);
        } catch (RuntimeException e) {
            // The build stays RUNNING; the next start of the service marks it failed.
            LOG.errorf(e, "cannot record the outcome of a build");
            return null;
        }
    }

    static Map<String, String> labels(Build build) {
        return Map.of(ImageLabels.MANAGED, "true", ImageLabels.TENANT, build.tenant(), ImageLabels.APP,
                build.app(), ImageLabels.BUILD, build.id().toString());
    }

    static String human(Duration duration) {
        if (duration.toSecondsPart() == 0 && duration.toMillisPart() == 0 && !duration.isZero()) {
            return duration.toMinutes() + "m";
        }
        if (duration.toMillisPart() == 0) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }

    /** A build on its thread, which {@link #abort} interrupts unless the outcome is being recorded already. */
    private static final class RunningBuild {
        final String tenant;
        final Thread thread;
        final CountDownLatch ended = new CountDownLatch(1);
        private String abortReason;
        private boolean finishing;

        RunningBuild(String tenant, Thread thread) {
            this.tenant = tenant;
            this.thread = thread;
        }

        synchronized void abort(String reason) {
            if (!finishing && abortReason == null) {
                abortReason = reason;
                thread.interrupt();
            }
        }

        /** From now on no interrupt comes; clears one that came. Answers why the build was aborted, if it was. */
        synchronized String finishing() {
            finishing = true;
            Thread.interrupted();
            return abortReason;
        }
    }

    private static final class BuildFailure extends RuntimeException {
        BuildFailure(String reason) {
            super(reason, null, false, false);
        }
    }
}
