package io.cloudunit.build.retention;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.build.BuildConfig;
import io.cloudunit.build.build.Build;
import io.cloudunit.build.docker.ImageBuilder;
import io.cloudunit.build.worker.OnVertx;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the images of each app's last {@code keep-images} successful builds and removes older ones (ADR 0020):
 * after each successful build of the app, and for every app on a timer. Never forced: an image a container (running
 * or stopped) was created from stays, and is tried again at the next pass. Passes run one at a time, off the
 * build threads.
 */
@ApplicationScoped
public class ImageRetention {
    private static final Logger LOG = Logger.getLogger(ImageRetention.class);

    private final RetainedBuilds retained;
    private final ImageBuilder images;
    private final int keep;
    private final ExecutorService collector = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "image-retention");
        thread.setDaemon(true);
        return thread;
    });

    public ImageRetention(RetainedBuilds retained, ImageBuilder images, BuildConfig config) {
        this.retained = retained;
        this.images = images;
        this.keep = Math.max(1, config.keepImages());
    }

    /** After a successful build of the app: its older images go, in the background. */
    public void afterSuccess(String tenant, String app) {
        submit(() -> collect(tenant, app));
    }

    @Scheduled(every = "${cloudunit.build.image-retention-interval:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onTimer() {
        submit(this::collectAll);
    }

    /** One pass over every app keeping more than {@code keep-images} images; answers how many were removed. */
    public int collectAll() {
        int removed = 0;
        for (RetainedBuilds.AppKey app : OnVertx.await(() -> retained.appsBeyond(keep))) {
            removed += collect(app.tenant(), app.app());
        }
        return removed;
    }

    /** Removes the images of the app's successful builds beyond the newest {@code keep}; answers how many. */
    public int collect(String tenant, String app) {
        List<Build> builds = OnVertx.await(() -> retained.ofApp(tenant, app));
        int removed = 0;
        for (Build old : builds.subList(Math.min(keep, builds.size()), builds.size())) {
            if (removeImageOf(old)) {
                OnVertx.await(() -> retained.markRemoved(old.id()));
                removed++;
            }
        }
        return removed;
    }

    private boolean removeImageOf(Build build) {
        try {
            if (build.imageId() != null && images.inUse(build.imageId())) {
                LOG.debugf("image %s stays: a container uses it", build.image());
                return false;
            }
            images.remove(build.image());
            LOG.infof("removed image %s (%s/%s keeps its last %d builds' images)", build.image(), build.tenant(),
                    build.app(), keep);
            return true;
        } catch (RuntimeException e) {
            LOG.infof("image %s stays for now: %s", build.image(), e.getMessage());
            return false;
        }
    }

    private void submit(Runnable pass) {
        try {
            collector.execute(() -> {
                try {
                    pass.run();
                } catch (RuntimeException e) {
                    LOG.warnf("image retention pass failed, the next one goes on: %s", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    @PreDestroy
    void stop() {
        collector.shutdownNow();
    }
}
