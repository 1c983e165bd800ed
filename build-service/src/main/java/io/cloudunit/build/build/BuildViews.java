package io.cloudunit.build.build;

import java.time.Instant;
import java.util.UUID;

/** The JSON shapes of builds. */
public final class BuildViews {
    private BuildViews() {
    }

    /** The answer to an upload. */
    public record Queued(UUID id, long number, String status, String app, String tenant, Instant createdAt) {
        public static Queued of(Build b) {
            return new Queued(b.id(), b.number(), b.status().json(), b.app(), b.tenant(), b.createdAt());
        }
    }

    /**
     * A build; {@code javaVersion}: the Java its image runs on (null: no JVM of ours); {@code imageRemovedAt}: when
     * image retention removed its image (null while the image exists).
     */
    public record Detail(UUID id, long number, String status, String image, String imageId, String reason,
            Instant createdAt, Instant startedAt, Instant finishedAt, Integer javaVersion, Instant imageRemovedAt) {
        public static Detail of(Build b) {
            return new Detail(b.id(), b.number(), b.status().json(), b.image(), b.imageId(), b.reason(),
                    b.createdAt(), b.startedAt(), b.finishedAt(), b.javaVersion(), b.imageRemovedAt());
        }
    }
}
