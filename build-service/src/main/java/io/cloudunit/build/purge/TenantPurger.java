package io.cloudunit.build.purge;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.cloudunit.build.BuildConfig;
import io.cloudunit.build.artifact.ArtifactStore;
import io.cloudunit.build.build.BuildTransitions;
import io.cloudunit.build.docker.ImageBuilder;
import io.cloudunit.build.docker.ImageBuilder.StoredImage;
import io.cloudunit.build.docker.ImageLabels;
import io.cloudunit.build.worker.BuildRunner;
import io.cloudunit.build.worker.OnVertx;
import io.cloudunit.platform.purge.TenantPurgeLedger;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Removes everything of the tenants being deleted, level-triggered: every {@code purge-interval}, right after a
 * tenant event and at startup, each pending purge runs from the start; every step is idempotent, so a purge
 * that failed half-way (engine, disk, database) simply goes on at the next pass. Its own ticker thread, like
 * the {@code BuildWorker}'s: the steps block on the engine and the disk.
 */
@ApplicationScoped
public class TenantPurger {
    public static final String REASON = "the tenant is being deleted";
    private static final Logger LOG = Logger.getLogger(TenantPurger.class);
    private static final Duration ABORT_WAIT = Duration.ofSeconds(30);

    private final TenantPurgeLedger ledger;
    private final TenantBuilds builds;
    private final BuildTransitions transitions;
    private final BuildRunner runner;
    private final ImageBuilder images;
    private final ArtifactStore artifacts;
    private final Duration interval;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "tenant-purger");
        thread.setDaemon(true);
        return thread;
    });

    public TenantPurger(TenantPurgeLedger ledger, TenantBuilds builds, BuildTransitions transitions, BuildRunner runner,
            ImageBuilder images, ArtifactStore artifacts, BuildConfig config) {
        this.ledger = ledger;
        this.builds = builds;
        this.transitions = transitions;
        this.runner = runner;
        this.images = images;
        this.artifacts = artifacts;
        this.interval = config.purgeInterval();
    }

    void onStart(@Observes StartupEvent event) {
        ticker.scheduleWithFixedDelay(this::purgePending, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A pass now rather than at the next tick; safe from any thread (passes never overlap: one thread). */
    public void wakeUp() {
        try {
            ticker.execute(this::purgePending);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void purgePending() {
        List<String> pending;
        try {
            pending = OnVertx.await(ledger::pending);
        } catch (RuntimeException e) {
            LOG.warnf("cannot read the pending tenant purges, next pass retries: %s", e.toString());
            return;
        }
        pending.forEach(this::purge);
    }

    private void purge(String tenant) {
        try {
            stopBuilds(tenant);
            removeImages(tenant);
            removeArtifacts(tenant);
            if (runner.runs(tenant)) {
                throw new IllegalStateException("a build of the tenant started meanwhile");
            }
            OnVertx.await(() -> builds.finishPurge(tenant));
        } catch (RuntimeException e) {
            String error = e.getMessage() != null ? e.getMessage() : e.toString();
            LOG.warnf("purge of tenant %s incomplete, the next pass goes on: %s", tenant, error);
            try {
                OnVertx.await(() -> ledger.failed(tenant, error));
            } catch (RuntimeException notRecorded) {
                LOG.debugf("cannot record the purge failure of %s: %s", tenant, notRecorded);
            }
        }
    }

    /** Running builds are stopped first (they would otherwise create an image after the purge), then canceled. */
    private void stopBuilds(String tenant) {
        if (!runner.abortTenant(tenant, REASON, ABORT_WAIT)) {
            throw new IllegalStateException("builds of the tenant are still stopping");
        }
        int canceled = OnVertx.await(() -> transitions.cancelActiveOfTenant(tenant, REASON));
        if (canceled > 0) {
            LOG.infof("tenant %s: %d queued or running build(s) canceled", tenant, canceled);
        }
    }

    /**
     * Only images this service built for the tenant: labelled managed + tenant, and named by one of the
     * tenant's builds in this database (the engine may be shared with another platform or a test run).
     */
    private void removeImages(String tenant) {
        Set<String> buildIds = OnVertx.await(() -> builds.ids(tenant)).stream().map(UUID::toString)
                .collect(Collectors.toSet());
        String ourPrefix = "cloudunit/" + tenant + "/";
        for (StoredImage image : images.images(Map.of(ImageLabels.MANAGED, "true",
                ImageLabels.TENANT, tenant))) {
            if (!buildIds.contains(image.labels().get(ImageLabels.BUILD))) {
                continue;
            }
            // An untagged image goes by id; a tag someone else gave our image keeps it (not ours to remove).
            List<String> ours = image.tags().isEmpty() ? List.of(image.id())
                    : image.tags().stream().filter(tag -> tag.startsWith(ourPrefix)).toList();
            ours.forEach(images::remove);
            if (!ours.isEmpty()) {
                LOG.infof("tenant %s: image %s removed (%s)", tenant, image.id(), String.join(", ", ours));
            }
        }
    }

    private void removeArtifacts(String tenant) {
        for (String sha256 : OnVertx.await(() -> builds.unsharedArtifacts(tenant))) {
            artifacts.remove(sha256);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }
}
