package io.cloudunit.deployer.release;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Marks, on a timer, the releases whose image left the engine behind the platform's back (ADR 0027): listing the
 * releases and rolling back find out too, but a user should see {@code image-gone} before trying.
 */
@ApplicationScoped
public class ImageSweep {
    private static final Logger LOG = Logger.getLogger(ImageSweep.class);

    private final ReleaseImages images;

    public ImageSweep(ReleaseImages images) {
        this.images = images;
    }

    @Scheduled(every = "${cloudunit.deployer.image-check-interval:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onTimer() {
        try {
            images.sweep();
        } catch (RuntimeException e) {
            LOG.warnf("image sweep failed, the next one retries: %s", e.getMessage());
        }
    }
}
